package io.predictivescaling.cli.coldinit;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs one Lambda zip's handler once in a fresh JVM whose class path is only that zip (unpacked as Lambda
 * unpacks it: its root and {@code lib/*.jar}) plus what the Lambda Java runtime itself provides: the event
 * serializer ({@code aws-lambda-java-serialization}) and {@link ColdInitLauncher} standing in for the runtime's
 * bootstrap. Times are wall-clock milliseconds: from starting the {@code java} process to the handler's first
 * result ({@link Result#wallMs()}), and the child's own JVM-start-to-constructed and JVM-start-to-result.
 * Settings reach the handler as system properties (which {@code Settings} and the AWS SDK read before the
 * environment), so the same run works against moto, LocalStack or AWS.
 */
public final class ColdInitRun implements AutoCloseable {
    private static final List<String> RUNTIME_PACKAGES =
            List.of("com/amazonaws/services/lambda/runtime/serialization/", "com/amazonaws/lambda/thirdparty/");
    private final Path work;
    private final Path runtime;

    /** Prepares the runtime's part of the class path once (in a temporary directory removed by close). */
    public ColdInitRun() {
        try {
            work = Files.createTempDirectory("cold-init");
            runtime = work.resolve("runtime");
            copyEntries(codeSource(LambdaEventSerializers.class), RUNTIME_PACKAGES, runtime);
            copyEntries(
                    codeSource(ColdInitLauncher.class),
                    List.of(ColdInitLauncher.class.getName().replace('.', '/')),
                    runtime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One cold start.
     *
     * @param zip        the function's Lambda zip
     * @param handler    fully qualified handler class (template.yaml's Handler without {@code ::handleRequest})
     * @param event      event JSON file, as Lambda would deliver it
     * @param settings   system properties for the child (endpoint, region, credentials, table names)
     * @param timeoutSec the child is killed after this long
     */
    public Result run(Path zip, String handler, Path event, Map<String, String> settings, long timeoutSec)
            throws IOException, InterruptedException {
        Path task = work.resolve("task-" + zip.getFileName() + "-" + System.nanoTime());
        unzip(zip, task);
        String sep = System.getProperty("path.separator");
        String classPath = runtime + sep + task + sep + task.resolve("lib") + "/*";
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of(
                "-cp",
                classPath,
                ColdInitLauncher.class.getName(),
                handler,
                event.toString(),
                zip.getFileName().toString().replaceFirst("\\.zip$", "")));
        Path stderr = work.resolve("stderr-" + System.nanoTime() + ".log");
        long start = System.nanoTime();
        Process child =
                new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        long wallMs = -1;
        long initMs = -1;
        long firstResultMs = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ColdInitLauncher.MARK) && wallMs < 0) {
                    wallMs = (System.nanoTime() - start) / 1_000_000;
                    initMs = Long.parseLong(line.replaceAll(".*initMs=(\\d+).*", "$1"));
                    firstResultMs = Long.parseLong(line.replaceAll(".*firstResultMs=(\\d+).*", "$1"));
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (!child.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        String errors = Files.readString(stderr);
        deleteTree(task);
        return new Result(
                child.exitValue(),
                wallMs,
                initMs,
                firstResultMs,
                output.toString().strip(),
                errors,
                unpackedBytes(zip));
    }

    /**
     * One run's outcome.
     *
     * @param exitCode      the child's exit code (0: the handler returned)
     * @param wallMs        process start to the result line, as the parent saw it; -1 when there was no result
     * @param initMs        child JVM start to the handler constructed
     * @param firstResultMs child JVM start to {@code handleRequest} returned
     * @param result        the result's {@code toString()}
     * @param stderr        the child's log (handler logs, stack traces)
     * @param unpackedBytes the zip's contents unpacked (what Lambda's 250 MB limit counts)
     */
    public record Result(
            int exitCode,
            long wallMs,
            long initMs,
            long firstResultMs,
            String result,
            String stderr,
            long unpackedBytes) {
        /** True when the handler returned a result. */
        public boolean ok() {
            return exitCode == 0 && wallMs >= 0;
        }
    }

    private static long unpackedBytes(Path zip) throws IOException {
        long total = 0;
        try (var file = new java.util.zip.ZipFile(zip.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                total += Math.max(0, entries.nextElement().getSize());
            }
        }
        return total;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the entries under the given prefixes from a jar or a class directory. */
    private static void copyEntries(Path source, List<String> prefixes, Path dest) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String name = source.relativize(file).toString().replace('\\', '/');
                    if (prefixes.stream().anyMatch(name::startsWith)) {
                        Path target = dest.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return;
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source))) {
            extract(in, dest, name -> prefixes.stream().anyMatch(name::startsWith));
        }
    }

    private static void unzip(Path zip, Path dest) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            extract(in, dest, name -> true);
        }
    }

    private static void extract(ZipInputStream in, Path dest, java.util.function.Predicate<String> wanted)
            throws IOException {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
            Path target = dest.resolve(entry.getName()).normalize();
            if (entry.isDirectory() || !wanted.test(entry.getName()) || !target.startsWith(dest)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.copy((InputStream) in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        deleteTree(work);
    }
}
