package io.predictivescaling.cli;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A Lambda context for in-process invocations: logs go to the command's standard error, as Lambda's do to CloudWatch. */
final class CliContext implements Context {
    private final String function;
    private final boolean quiet;
    private final PrintWriter log;
    private final String requestId = UUID.randomUUID().toString();
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            if (!quiet) {
                log.println(message);
            }
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
            // Quiet still lets warnings and errors through: they are what a person must see.
            if (!quiet || level == LogLevel.WARN || level == LogLevel.ERROR || level == LogLevel.FATAL) {
                log.println(level + " " + message);
            }
        }
    };

    /**
     * @param quiet drop the handlers' routine log lines (warnings and errors still print)
     * @param log where the handlers' log lines go: the command's standard error
     */
    CliContext(String function, boolean quiet, PrintWriter log) {
        this.function = function;
        this.quiet = quiet;
        this.log = log;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + function;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 900_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
