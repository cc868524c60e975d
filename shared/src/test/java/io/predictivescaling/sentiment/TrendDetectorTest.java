package io.predictivescaling.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendDetectorTest {
    /** Two days of noisy mentions (about 50 per 5 minutes, seeded), with what the test adds on top. */
    static double[] mentions(long seed) {
        Random random = new Random(seed);
        double[] v = new double[2 * 288];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, 50 + 50 * 0.15 * random.nextGaussian());
        }
        return v;
    }

    static List<Integer> firings(TrendDetector detector, double[] volume) {
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < volume.length; i++) {
            if (detector.next(volume[i]).fires()) {
                fired.add(i);
            }
        }
        return fired;
    }

    @Test
    void aSuddenBurstFiresOnceAndNoiseNeverDoes() {
        double[] v = mentions(1);
        v[400] = 500;
        v[401] = 300;

        List<Integer> fired = firings(TrendDetector.forFiveMinutes(), v);

        assertThat(fired).containsExactly(400);
    }

    @Test
    void aQuietKeywordsChanceCountsAreNoTrendButAJumpToTenTimesIs() {
        // NAB's Twitter CVS and PFE volumes: mostly no post in 5 minutes, so a median of 0 and a spread of 0, and any
        // single post made the detector fire (270 times a week); a burst to ten times the usual still has to fire.
        for (double mean : new double[] {0.3, 0.6, 2, 5}) {
            Random random = new Random(7);
            double[] v = new double[7 * 288];
            for (int i = 0; i < v.length; i++) {
                v[i] = poisson(random, mean);
            }
            assertThat(firings(TrendDetector.forFiveMinutes(), v))
                    .as("a week of chance at %s posts", mean)
                    .isEmpty();
            for (int k = 0; k < 6; k++) {
                v[1500 + k] = 10 * mean;
            }
            assertThat(firings(TrendDetector.forFiveMinutes(), v))
                    .as("half an hour at ten times %s posts", mean)
                    .singleElement()
                    .satisfies(i -> assertThat(i).isBetween(1500, 1503));
        }
    }

    private static double poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    @Test
    void aClimbThatKeepsGoingFiresBeforeItsPeak() {
        double[] v = mentions(2);
        for (int k = 0; k < 12; k++) {
            v[420 + k] = 50 * (1 + 0.25 * k); // a viral climb over an hour, peaking at 420 + 11
        }

        List<Integer> fired = firings(TrendDetector.forFiveMinutes(), v);

        assertThat(fired).singleElement().satisfies(i -> assertThat(i).isBetween(420, 430));
    }

    @Test
    void hypeGrowsWithTheBurstAndGapsDecideNothing() {
        TrendDetector detector = TrendDetector.forFiveMinutes();
        double[] v = mentions(3);
        for (int i = 0; i < 300; i++) {
            detector.next(v[i]);
        }
        assertThat(detector.next(Double.NaN).fires()).isFalse();
        double small = detector.next(150).hype();
        TrendDetector other = TrendDetector.forFiveMinutes();
        for (int i = 0; i < 300; i++) {
            other.next(v[i]);
        }
        double large = other.next(1500).hype();

        assertThat(small).isBetween(0.0, 1.0);
        assertThat(large).isGreaterThan(small).isLessThanOrEqualTo(1.0);
    }
}
