package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link ForecastMethod} keeps, checked against every method the engine can choose from
 * ({@link Forecasters#candidates}) and the ensembles built from them. A new method added to
 * {@link Forecasters} is checked here without a line of test code; a method kept elsewhere is added to
 * {@link #methods()}.
 */
class ForecastMethodContractTest {
    /** Hourly: the engine's most common step, small enough to keep this fast. */
    static final int DAY = 24;
    /**
     * What feedback keys a method by: {@code pattern:<name>}, parsed back out of a reason by
     * {@code DynamoDbFeedbackStore}'s {@code ([a-z][a-z0-9-]*) (\d+)%}.
     */
    static final Pattern FEEDBACK_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    static Stream<ForecastMethod> methods() {
        List<ForecastMethod> all = new ArrayList<>(Forecasters.candidates(DAY));
        all.add(Forecasters.ensemble(DAY, 2));
        all.add(Forecasters.classic(DAY));
        return all.stream();
    }

    /** A daily and weekly shape with noise, never negative, like a service's load. */
    static double[] seasonal(int n, long seed) {
        Random random = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            double daily = Math.sin(2 * Math.PI * t / DAY);
            double weekly = (t / DAY) % 7 >= 5 ? -20 : 0;
            y[t] = Math.max(0, 100 + 40 * daily + weekly + 5 * random.nextGaussian());
        }
        return y;
    }

    static double[] constant(int n, double value) {
        double[] y = new double[n];
        java.util.Arrays.fill(y, value);
        return y;
    }

    static List<Double> values(double[] forecast) {
        return java.util.Arrays.stream(forecast).boxed().toList();
    }

    /** Enough history for every method, and for the ensembles to validate each on past windows. */
    static int longHistory(ForecastMethod method) {
        return Math.max(method.minHistory(), 18 * DAY) + 4 * 48;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void givesOneFiniteValuePerStepForEveryHorizon(ForecastMethod method) {
        double[] history = seasonal(longHistory(method), 7);
        for (int horizon : new int[] {1, DAY, 2 * DAY}) {
            double[] forecast = method.forecast(history, horizon);

            assertThat(forecast).as("%s, horizon %d", method.name(), horizon).hasSize(horizon);
            assertThat(values(forecast))
                    .as("%s, horizon %d", method.name(), horizon)
                    .allMatch(Double::isFinite);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aConstantSeriesStaysConstant(ForecastMethod method) {
        for (double level : new double[] {0, 50}) {
            double[] forecast = method.forecast(constant(longHistory(method), level), 2 * DAY);

            assertThat(values(forecast))
                    .as("%s on a constant %s", method.name(), level)
                    .allSatisfy(v -> assertThat(v).isCloseTo(level, within(1e-6 * Math.max(1, level))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void answersFromExactlyItsMinimumHistory(ForecastMethod method) {
        assertThat(method.minHistory()).as(method.name()).isPositive();
        double[] history = seasonal(method.minHistory(), 11);

        double[] forecast = method.forecast(history, DAY);

        assertThat(values(forecast))
                .as("%s from %d steps", method.name(), history.length)
                .hasSize(DAY)
                .allMatch(Double::isFinite);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void doesNotChangeTheHistoryItIsGiven(ForecastMethod method) {
        double[] history = seasonal(longHistory(method), 3);
        double[] copy = history.clone();

        method.forecast(history, DAY);

        assertThat(history).as(method.name()).containsExactly(copy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void itsNameIsAFeedbackKey(ForecastMethod method) {
        assertThat(method.name())
                .as("pattern:%s must parse back out of a reason", method.name())
                .matches(FEEDBACK_NAME);
    }

    @Test
    void everyCandidateHasItsOwnNameSoFeedbackNeverMixesTwoMethods() {
        List<String> names =
                Forecasters.candidates(DAY).stream().map(ForecastMethod::name).toList();

        assertThat(names).doesNotHaveDuplicates();
    }
}
