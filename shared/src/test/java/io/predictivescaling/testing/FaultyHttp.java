package io.predictivescaling.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * A failure-injecting HTTP client in front of the test AWS (moto), for the SDK's JSON protocols (DynamoDB,
 * Application Auto Scaling, EventBridge), where the operation is the {@code X-Amz-Target} header. It can
 * answer a given operation with a throttling error, or let the n-th call of an operation through to the
 * server and then drop the connection for it and for every later request (a run that dies mid-plan).
 */
public final class FaultyHttp implements SdkHttpClient {
    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answerLeft = new ConcurrentHashMap<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private volatile String killOperation;
    private volatile int killAfter;
    private volatile boolean dead;

    /** Every call of {@code operation} (e.g. "PutItem") is answered 400 ThrottlingException. */
    public FaultyHttp throttle(String operation) {
        return throttle(operation, Integer.MAX_VALUE);
    }

    /** The next {@code times} calls of {@code operation} are answered 400 ThrottlingException. */
    public FaultyHttp throttle(String operation, int times) {
        throttled.put(operation, new AtomicInteger(times));
        return this;
    }

    /** The next {@code times} calls of {@code operation} are answered 200 with {@code json}, not by the server. */
    public FaultyHttp answer(String operation, int times, String json) {
        answers.put(operation, json);
        answerLeft.put(operation, new AtomicInteger(times));
        return this;
    }

    /** The n-th call of {@code operation} reaches the server, then the connection dies for good. */
    public FaultyHttp killAfter(String operation, int n) {
        killOperation = operation;
        killAfter = n;
        return this;
    }

    /** How many requests of {@code operation} were sent (retries included). */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target =
                request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String operation = target.substring(target.lastIndexOf('.') + 1);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                int n = calls.computeIfAbsent(operation, k -> new AtomicInteger())
                        .incrementAndGet();
                if (dead) {
                    throw new IOException("Connection reset (injected)");
                }
                AtomicInteger left = throttled.get(operation);
                if (left != null && left.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                    return throttling();
                }
                AtomicInteger answering = answerLeft.get(operation);
                if (answering != null && answering.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
                    return respond(200, answers.get(operation));
                }
                HttpExecuteResponse response = delegate.prepareRequest(request).call();
                if (operation.equals(killOperation) && n >= killAfter) {
                    dead = true;
                    response.responseBody().ifPresent(b -> b.abort());
                    throw new IOException("Connection reset after the server applied " + operation + " (injected)");
                }
                return response;
            }

            @Override
            public void abort() {}
        };
    }

    private static HttpExecuteResponse throttling() {
        return respond(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded (injected)\"}");
    }

    private static HttpExecuteResponse respond(int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        SdkHttpResponse.Builder response = SdkHttpResponse.builder()
                .statusCode(status)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("Content-Length", Integer.toString(body.length));
        if (status == 400) {
            response.putHeader("x-amzn-ErrorType", "ThrottlingException");
        }
        return HttpExecuteResponse.builder()
                .response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
