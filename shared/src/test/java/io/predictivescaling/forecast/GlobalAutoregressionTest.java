package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The global autoregression: what it learns across series, its stored model, and where it does not apply. */
class GlobalAutoregressionTest {
    static final int DAY = 24;

    /** A daily shape on a load that grows 1% an hour, from {@code level}: the same growth in every series. */
    static double[] growing(int n, double level, double phase, Random random) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            double daily = 1 + 0.3 * Math.sin(2 * Math.PI * (t + phase) / DAY);
            y[t] = level * Math.pow(1.01, t) * daily * (1 + 0.01 * random.nextGaussian());
        }
        return y;
    }

    static GlobalArModel trainedOnGrowingSeries() {
        Random random = new Random(1);
        List<double[]> series = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            series.add(growing(12 * DAY, 10 + 90 * random.nextDouble(), random.nextInt(DAY), random));
        }
        return GlobalArModel.fit(series, 2 * DAY, DAY, DAY, 1e-4, 1);
    }

    static double meanAbsolutePercentError(double[] actual, double[] forecast) {
        double sum = 0;
        for (int h = 0; h < actual.length; h++) {
            sum += Math.abs(actual[h] - forecast[h]) / actual[h];
        }
        return 100 * sum / actual.length;
    }

    @Test
    void aSeriesItNeverSawIsForecastWithTheGrowthItLearnedAcrossOtherSeries() {
        GlobalAutoregression method = GlobalAutoregression.hourly(DAY).withModel(trainedOnGrowingSeries());
        // a new series, at another level and phase, with only three days of history: too little for a local trend
        double[] whole = growing(4 * DAY, 500, 7, new Random(99));
        double[] history = java.util.Arrays.copyOf(whole, 3 * DAY);
        double[] actual = java.util.Arrays.copyOfRange(whole, 3 * DAY, 4 * DAY);

        double[] global = method.forecast(history, DAY);
        double[] naive = new SeasonalNaive(DAY, "daily-naive").forecast(history, DAY);

        // repeating yesterday misses a day's 27% growth; the learned map carries it on
        assertThat(meanAbsolutePercentError(actual, naive)).isGreaterThan(20);
        assertThat(meanAbsolutePercentError(actual, global)).isLessThan(3);
    }

    @Test
    void theEngineChoosesItForSuchASeriesWhenItValidatesBest() {
        GlobalArModel model = trainedOnGrowingSeries();
        ValidatedEnsemble engine = (ValidatedEnsemble) Forecasters.hourly("auto", model);
        double[] whole = growing(16 * DAY, 50, 3, new Random(5));
        double[] history = java.util.Arrays.copyOf(whole, 15 * DAY);
        double[] actual = java.util.Arrays.copyOfRange(whole, 15 * DAY, 16 * DAY);

        ValidatedEnsemble.Choice choice = engine.choose(history, DAY);
        ValidatedEnsemble.Choice without = new ValidatedEnsemble(
                        Forecasters.candidates(DAY).stream()
                                .filter(m -> !(m instanceof GlobalAutoregression))
                                .toList(),
                        8,
                        Forecasters.KEEP,
                        DAY)
                .choose(history, DAY);

        assertThat(choice.chosen().stream().map(s -> s.method().name())).contains("global-ar");
        assertThat(meanAbsolutePercentError(actual, choice.forecast()))
                .isLessThan(meanAbsolutePercentError(actual, without.forecast()));
    }

    @Test
    void aStoredModelReadsBackAndForecastsTheSame() throws Exception {
        GlobalArModel model = trainedOnGrowingSeries();
        StringWriter out = new StringWriter();
        model.write(out);

        GlobalArModel read = GlobalArModel.read(new StringReader(out.toString()));

        double[] history = growing(5 * DAY, 42, 0, new Random(3));
        double[] before = GlobalAutoregression.hourly(DAY).withModel(model).forecast(history, 2 * DAY);
        double[] after = GlobalAutoregression.hourly(DAY).withModel(read).forecast(history, 2 * DAY);
        for (int h = 0; h < before.length; h++) {
            assertThat(after[h]).isCloseTo(before[h], org.assertj.core.data.Percentage.withPercentage(1e-3));
        }
        assertThat(read.lags()).isEqualTo(model.lags());
        assertThat(read.windows()).isEqualTo(model.windows());
    }

    @Test
    void aFileThatIsNotAModelIsRejectedWithTheFix() {
        assertThatThrownBy(() -> GlobalArModel.read(new StringReader("\"V1\",\"V2\"\nH1,1\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predictive-scaling train");
    }

    @Test
    void aFiveMinuteSeriesIsNotItsBusiness() {
        int fiveMinuteDay = 288;
        double[] history = ForecastMethodContractTest.seasonal(14 * fiveMinuteDay, 4);

        assertThat(GlobalAutoregression.hourly(fiveMinuteDay).appliesTo(history))
                .isFalse();
        ValidatedEnsemble.Choice choice = Forecasters.ensemble(fiveMinuteDay, 2).choose(history, fiveMinuteDay);
        assertThat(choice.chosen().stream().map(s -> s.method().name())).doesNotContain("global-ar");
    }

    @Test
    void theShippedHourlyModelLoadsAndForecastsBeyondItsHorizon() {
        GlobalArModel shipped = GlobalArModel.hourlyDefault();

        assertThat(shipped.lags()).isEqualTo(GlobalAutoregression.hourly(DAY).minHistory());
        assertThat(shipped.horizon()).isEqualTo(48);
        double[] history = ForecastMethodContractTest.seasonal(3 * 7 * DAY, 8);
        double[] forecast = GlobalAutoregression.hourly(DAY).forecast(history, 72);
        assertThat(forecast).hasSize(72);
        assertThat(ForecastMethodContractTest.values(forecast)).allMatch(v -> v > 0);
    }

    @Test
    void aModelWhoseShapeDoesNotFitIsRejectedWhenBuiltNotWhenItForecasts() {
        double[][] w = new double[3][2];
        assertThatThrownBy(() -> new GlobalArModel(2, 900, 2, 0.01, 2, 0, w))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale_window 900");
        assertThatThrownBy(() -> new GlobalArModel(2, 2, -3, 0.01, 2, 0, w))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizon -3");
        assertThatThrownBy(() -> new GlobalArModel(2, 2, 3, 0.01, 2, 0, w))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected horizon 3");
        w[1][1] = Double.NaN;
        assertThatThrownBy(() -> new GlobalArModel(2, 2, 2, 0.01, 2, 0, w))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite");
    }

    @Test
    void aBundledModelThatCannotLoadIsAnIllegalStateExceptionNotAnError() {
        assertThatThrownBy(() -> GlobalArModel.load("/io/predictivescaling/forecast/no-such-model.csv.gz"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-model.csv.gz");
        assertThatThrownBy(() -> GlobalArModel.load("/io/predictivescaling/forecast/package-info.class"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be read");
    }

    @Test
    void whenItsModelCannotLoadTheMethodStandsAsideAndTheEngineStillForecasts() {
        GlobalAutoregression broken = new GlobalAutoregression(DAY, "global-ar", () -> {
            throw new IllegalStateException("the bundled global-ar model is missing");
        });
        double[] history = ForecastMethodContractTest.seasonal(3 * 7 * DAY, 8);

        assertThat(broken.appliesTo(history)).isFalse();
        assertThat(broken.minHistory()).isEqualTo(DAY);
        assertThat(broken.forecast(history, 48)).as("the last day again").containsExactly(repeatLastDay(history, 48));
    }

    private static double[] repeatLastDay(double[] history, int horizon) {
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            out[h] = history[history.length - DAY + h % DAY];
        }
        return out;
    }
}
