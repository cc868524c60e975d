package io.predictivescaling.cli.m4;

import io.predictivescaling.forecast.ForecastMethod;
import io.predictivescaling.forecast.Forecasters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The M4 Hourly benchmark commands. */
public final class M4Commands {
    private M4Commands() {
    }

    @Command(name = "forecast-m4", mixinStandardHelpOptions = true,
            description = "Forecasts every series of an M4 training file from its own values only.")
    public static final class Forecast implements Callable<Integer> {
        @Option(names = "--train", required = true, description = "M4 training CSV, e.g. ../shared/data/m4-hourly/Hourly-train.csv")
        Path train;

        @Option(names = "--out", required = true, description = "Where to write the forecasts (M4 layout)")
        Path out;

        @Option(names = "--horizon", defaultValue = "48", description = "Steps ahead")
        int horizon;

        @Option(names = "--method", defaultValue = "auto", description = "auto (default) or one named method: ${COMPLETION-CANDIDATES}")
        String method;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            Map<String, double[]> series = M4Csv.read(train);
            ForecastMethod forecaster = Forecasters.hourly(method);
            Map<String, double[]> forecasts = series.entrySet().parallelStream()
                    .collect(Collectors.toMap(Map.Entry::getKey,
                            e -> forecaster.forecast(e.getValue(), horizon), (a, b) -> a, LinkedHashMap::new));
            Map<String, double[]> ordered = new LinkedHashMap<>();
            series.keySet().forEach(id -> ordered.put(id, forecasts.get(id)));
            M4Csv.write(out, ordered);
            System.err.printf(Locale.ROOT, "forecast %d series x %d steps with %s in %.2f s -> %s%n",
                    series.size(), horizon, forecaster.name(), (System.nanoTime() - start) / 1e9, out);
            return 0;
        }
    }

    @Command(name = "score-m4", mixinStandardHelpOptions = true,
            description = "Scores forecasts with M4's sMAPE, MASE and OWA against Naive2.")
    public static final class Score implements Callable<Integer> {
        @Option(names = "--train", required = true, description = "The training CSV the forecasts were made from")
        Path train;

        @Option(names = "--test", required = true, description = "The actual values (M4 test layout)")
        Path test;

        @Option(names = "--forecasts", required = true, description = "The forecasts to score")
        Path forecasts;

        @Option(names = "--seasonality", defaultValue = "24", description = "m for MASE and Naive2")
        int seasonality;

        @Override
        public Integer call() throws Exception {
            M4Score.Report report = M4Score.report(M4Csv.read(train), M4Csv.read(test), M4Csv.read(forecasts),
                    seasonality);
            System.out.printf(Locale.ROOT, "series  %d%n", report.method().series());
            System.out.printf(Locale.ROOT, "%-10s %8s %8s %8s%n", "", "sMAPE", "MASE", "OWA");
            System.out.printf(Locale.ROOT, "%-10s %8.3f %8.3f %8.3f%n", "forecasts", report.method().smape(),
                    report.method().mase(), report.owa());
            System.out.printf(Locale.ROOT, "%-10s %8.3f %8.3f %8.3f%n", "Naive2", report.naive2().smape(),
                    report.naive2().mase(), 1.0);
            return 0;
        }
    }

    @Command(name = "split-m4", mixinStandardHelpOptions = true,
            description = "Holds out the last HORIZON values of each series: a validation split of a training file.")
    public static final class Split implements Callable<Integer> {
        @Option(names = "--train", required = true, description = "M4 training CSV to split, e.g. ../shared/data/m4-hourly/Hourly-train.csv")
        Path train;

        @Option(names = "--out-train", required = true, description = "Where to write each series without its last HORIZON values")
        Path outTrain;

        @Option(names = "--out-test", required = true, description = "Where to write the held-out last HORIZON values")
        Path outTest;

        @Option(names = "--horizon", defaultValue = "48", description = "Values held out per series (M4 Hourly: 48)")
        int horizon;

        @Override
        public Integer call() throws Exception {
            Map<String, double[]> series = M4Csv.read(train);
            Map<String, double[]> head = new LinkedHashMap<>();
            Map<String, double[]> tail = new LinkedHashMap<>();
            series.forEach((id, v) -> {
                head.put(id, java.util.Arrays.copyOf(v, v.length - horizon));
                tail.put(id, java.util.Arrays.copyOfRange(v, v.length - horizon, v.length));
            });
            M4Csv.write(outTrain, head);
            M4Csv.write(outTest, tail);
            System.err.printf("wrote %d series: train minus last %d -> %s, last %d -> %s%n", series.size(),
                    horizon, outTrain, horizon, outTest);
            return 0;
        }
    }
}
