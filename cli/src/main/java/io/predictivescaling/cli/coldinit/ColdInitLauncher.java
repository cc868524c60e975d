package io.predictivescaling.cli.coldinit;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM's main class for {@code bench-cold-init}: what the Lambda Java runtime does on a cold start,
 * with nothing but the function's zip and the runtime's own event serializer on the class path. Constructs the
 * handler (its static init and constructor: the clients), reads the event file with the runtime's serializer
 * (as Lambda does: ScheduledEvent's time goes through Joda-Time by name, SQS records through mixins), calls
 * {@code handleRequest} once and prints one line {@value #MARK} with the times since JVM start in ms, then
 * the result's {@code toString()}.
 *
 * <p>It refers to no class of the project or its libraries (the Lambda Context is a dynamic proxy of the
 * interface the zip carries), so a class the zip lacks fails here exactly as it would in Lambda.
 * Arguments: handler class name, event JSON file, function name.
 */
public final class ColdInitLauncher {
    /** Start of the line the parent reads. */
    public static final String MARK = "COLD-INIT";

    private ColdInitLauncher() {}

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ClassLoader loader = ColdInitLauncher.class.getClassLoader();
        Class<?> handlerClass = Class.forName(args[0], true, loader);
        Object handler = handlerClass.getDeclaredConstructor().newInstance();
        long initDone = System.currentTimeMillis();
        Method handle = handleRequest(handlerClass);
        Object event;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            event = LambdaEventSerializers.serializerFor(handle.getParameterTypes()[0], loader)
                    .fromJson(in);
        }
        Object result = handle.invoke(handler, event, context(loader, args[2]));
        long resultDone = System.currentTimeMillis();
        System.out.println(MARK + " initMs=" + (initDone - jvmStart) + " firstResultMs=" + (resultDone - jvmStart));
        System.out.println(String.valueOf(result));
        System.out.flush();
    }

    private static Method handleRequest(Class<?> handlerClass) {
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                return m;
            }
        }
        throw new IllegalArgumentException(handlerClass + " has no handleRequest(input, context)");
    }

    /** A Lambda Context whose logger writes to stderr; other getters answer as a 300 s, 1 GB function. */
    private static Object context(ClassLoader loader, String function) throws ClassNotFoundException {
        Class<?> loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, margs) -> {
            if (method.getName().equals("log") && margs != null && margs.length > 0) {
                Object message = margs[0];
                System.err.println(
                        message instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : message);
            }
            return null;
        });
        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
        return Proxy.newProxyInstance(
                loader, new Class<?>[] {contextType}, (proxy, method, margs) -> switch (method.getName()) {
                    case "getLogger" -> logger;
                    case "getAwsRequestId" -> "cold-init";
                    case "getFunctionName", "getLogGroupName", "getLogStreamName" -> function;
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:" + function;
                    case "getRemainingTimeInMillis" -> 300_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "toString" -> "ColdInitContext[" + function + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == margs[0];
                    default -> null;
                });
    }
}
