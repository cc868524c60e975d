package io.predictivescaling.peers;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The discrete Fourier transform of any length n, as Crane's DSP predictor takes it (go-dsp's FFT, which handles any
 * length): Commons Math's radix-2 FFT when n is a power of two, else Bluestein's chirp-z algorithm on top of it
 * (L. Bluestein, "A linear filtering approach to the computation of discrete Fourier transform", IEEE Trans. Audio
 * Electroacoustics 18(4), 1970): X_k = w_k' sum_n (x_n w_n') w_(k-n), w_j = exp(i pi j^2 / n), a convolution done
 * with power-of-two FFTs. Forward: X_k = sum_n x_n exp(-2 pi i k n / n), no scaling; inverse scales by 1/n.
 */
final class Dft {
    private final int n;
    private final int m;
    private final double[] chirpRe; // exp(-i pi j^2 / n), j < n
    private final double[] chirpIm;
    private final double[][] kernel; // FFT of the convolution kernel, length m

    Dft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a DFT needs at least one sample, got " + n);
        }
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            m = n;
            chirpRe = chirpIm = null;
            kernel = null;
            return;
        }
        int size = 1;
        while (size < 2 * n - 1) {
            size <<= 1;
        }
        m = size;
        chirpRe = new double[n];
        chirpIm = new double[n];
        for (int j = 0; j < n; j++) {
            // j^2 mod 2n keeps the angle exact for long series.
            double angle = Math.PI * ((long) j * j % (2L * n)) / n;
            chirpRe[j] = Math.cos(angle);
            chirpIm[j] = -Math.sin(angle);
        }
        kernel = new double[2][m];
        for (int j = 0; j < n; j++) {
            kernel[0][j] = chirpRe[j];
            kernel[1][j] = -chirpIm[j];
            if (j > 0) {
                kernel[0][m - j] = chirpRe[j];
                kernel[1][m - j] = -chirpIm[j];
            }
        }
        FastFourierTransformer.transformInPlace(kernel, DftNormalization.STANDARD, TransformType.FORWARD);
    }

    int length() {
        return n;
    }

    /** The forward transform of a real series: {real parts, imaginary parts}. */
    double[][] forward(double[] x) {
        return forward(x, new double[n]);
    }

    /** The forward transform of re + i im (both of length n, left unchanged). */
    double[][] forward(double[] re, double[] im) {
        if (kernel == null) {
            double[][] data = {re.clone(), im.clone()};
            FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
            return data;
        }
        double[][] a = new double[2][m];
        for (int j = 0; j < n; j++) {
            a[0][j] = re[j] * chirpRe[j] - im[j] * chirpIm[j];
            a[1][j] = re[j] * chirpIm[j] + im[j] * chirpRe[j];
        }
        FastFourierTransformer.transformInPlace(a, DftNormalization.STANDARD, TransformType.FORWARD);
        for (int j = 0; j < m; j++) {
            double r = a[0][j] * kernel[0][j] - a[1][j] * kernel[1][j];
            double i = a[0][j] * kernel[1][j] + a[1][j] * kernel[0][j];
            a[0][j] = r;
            a[1][j] = i;
        }
        FastFourierTransformer.transformInPlace(a, DftNormalization.STANDARD, TransformType.INVERSE);
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            out[0][k] = a[0][k] * chirpRe[k] - a[1][k] * chirpIm[k];
            out[1][k] = a[0][k] * chirpIm[k] + a[1][k] * chirpRe[k];
        }
        return out;
    }

    /** The inverse transform (scaled by 1/n): conj(DFT(conj(X))) / n. */
    double[][] inverse(double[] re, double[] im) {
        double[] negated = new double[n];
        for (int j = 0; j < n; j++) {
            negated[j] = -im[j];
        }
        double[][] out = forward(re, negated);
        for (int j = 0; j < n; j++) {
            out[0][j] /= n;
            out[1][j] = -out[1][j] / n;
        }
        return out;
    }

    /** |X_k| for each k. */
    static double[] magnitudes(double[][] spectrum) {
        double[] out = new double[spectrum[0].length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.sqrt(spectrum[0][k] * spectrum[0][k] + spectrum[1][k] * spectrum[1][k]);
        }
        return out;
    }
}
