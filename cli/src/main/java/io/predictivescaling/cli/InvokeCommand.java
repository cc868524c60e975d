package io.predictivescaling.cli;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.cli.local.AwsEndpoint;
import io.predictivescaling.cli.local.LocalAws;
import io.predictivescaling.cli.local.UserError;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code invoke FUNCTION EVENT_FILE}: a {@code sam local invoke} that needs no Docker. */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a function's handler in this JVM with an event file, as Lambda would.",
            "Without --local or --endpoint it talks to real AWS with your credentials; METRICS_TABLE and "
                    + "TARGETS_TABLE must name the deployed tables (see the stack outputs)."
        })
final class InvokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Function name, e.g. record-metrics")
    String function;

    @Parameters(
            index = "1",
            paramLabel = "EVENT_FILE",
            converter = FileOption.InputFile.class,
            description = "Event JSON file, e.g. events/record-metrics/load-sample.json")
    Path eventFile;

    @Mixin
    AwsEndpoint aws;

    @Option(
            names = "--local",
            description = "Start moto_server here, create the tables from template.yaml, the bus, the plan queue and a "
                    + "demo target (metric checkout-rps), then invoke. With --endpoint: prepare that emulator instead.")
    boolean local;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(eventFile)) {
            spec.commandLine().getErr().println("event file not found: " + eventFile);
            return 2;
        }
        Class<? extends RequestHandler<?, ?>> handlerClass = Functions.handler(function);
        Optional<String> url = local ? Optional.of(aws.emulatorOrMoto()) : aws.use();
        if (local) {
            LocalAws.prepareStackWithDemoTarget();
        }
        url.ifPresent(u -> spec.commandLine().getErr().println("AWS endpoint: " + u));
        Object result = invoke(handlerClass);
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        spec.commandLine()
                .getOut()
                .println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        if (local) {
            printStored();
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object invoke(Class<? extends RequestHandler<?, ?>> handlerClass) throws Exception {
        Method handle = inputMethod(handlerClass);
        Class<?> inputType = handle.getParameterTypes()[0];
        Object event;
        try (InputStream in = Files.newInputStream(eventFile)) {
            // The runtime's own deserializer: field names such as "detail-type" map exactly as in Lambda.
            event = LambdaEventSerializers.serializerFor(inputType, getClass().getClassLoader())
                    .fromJson(in);
        }
        RequestHandler handler;
        try {
            handler = handlerClass.getDeclaredConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            // The handler reads its settings as it is built: a missing one is the user's to set, in one line.
            if (e.getCause() instanceof IllegalStateException missing
                    && missing.getMessage() != null
                    && missing.getMessage().startsWith("setting ")) {
                throw new UserError(missing.getMessage() + " (or run with --local)");
            }
            throw e;
        }
        return handler.handleRequest(
                event, new CliContext(function, false, spec.commandLine().getErr()));
    }

    private static Method inputMethod(Class<?> handlerClass) {
        for (Method m : handlerClass.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                return m;
            }
        }
        throw new IllegalStateException(handlerClass + " has no handleRequest(input, context)");
    }

    private void printStored() {
        var store = new DynamoDbTimeSeriesStore(
                AwsClients.dynamoDb(), LocalAws.METRICS_TABLE, Duration.ofDays(400), Retry.standard());
        Instant now = Instant.now();
        List<LoadSample> samples =
                store.read(LocalAws.DEMO_METRIC, now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(1)));
        spec.commandLine()
                .getErr()
                .println("Stored samples of " + LocalAws.DEMO_METRIC + " in table " + LocalAws.METRICS_TABLE + ": "
                        + samples.size());
        samples.forEach(s -> spec.commandLine()
                .getErr()
                .println("  " + s.timestamp() + "  " + s.value() + " " + s.unit() + "  (from " + s.source() + ")"));
    }
}
