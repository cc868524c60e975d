package io.predictivescaling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The DFT of any length, as Crane's FFT library takes it. */
class DftTest {
    @Test
    void everyLengthMatchesTheDefinitionAndTheInverseGivesTheSeriesBack() {
        java.util.Random random = new java.util.Random(3);
        for (int n : new int[] {1, 5, 12, 16, 288, 1000}) {
            double[] x = random.doubles(n, -10, 10).toArray();
            double[][] fast = new Dft(n).forward(x);
            for (int k = 0; k < n; k += Math.max(1, n / 7)) {
                double re = 0;
                double im = 0;
                for (int j = 0; j < n; j++) {
                    double angle = -2 * Math.PI * ((long) k * j % n) / n;
                    re += x[j] * Math.cos(angle);
                    im += x[j] * Math.sin(angle);
                }
                assertThat(fast[0][k]).as("n=%d k=%d re", n, k).isCloseTo(re, Offset.offset(1e-6));
                assertThat(fast[1][k]).as("n=%d k=%d im", n, k).isCloseTo(im, Offset.offset(1e-6));
            }
            double[] back = new Dft(n).inverse(fast[0], fast[1])[0];
            for (int j = 0; j < n; j++) {
                assertThat(back[j]).isCloseTo(x[j], Offset.offset(1e-8));
            }
        }
    }
}
