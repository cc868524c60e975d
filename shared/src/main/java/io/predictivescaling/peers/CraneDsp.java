package io.predictivescaling.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Crane's DSP predictor (gocrane/crane, {@code pkg/prediction/dsp}; described in its
 * {@code docs/tutorials/timeseriees-forecasting-by-dsp.md}), re-implemented from that description and its defaults:
 *
 * <ol>
 *   <li>Pre-processing ({@code preprocessing.go}): gaps are filled linearly, a gap over an hour drops everything
 *       before it, the series is cut to whole hours, and samples above its P99.9 or below its P0.1 take the previous
 *       sample's value.
 *   <li>The period ({@code prediction.go findPeriod}, {@code signal.go FindPeriod}): the last whole weeks if there are
 *       at least two, else the last whole days if at least two. Frequencies whose DFT magnitude beats the P99 of the
 *       largest magnitude of 100 random permutations of the series are candidate periods (N/k); the candidate whose
 *       circular autocorrelation is the highest peak (rising on its left, falling on its right by least squares over
 *       at most 4 hours either side) wins. Only a period of exactly a day or a week is used; otherwise Crane predicts
 *       nothing.
 *   <li>The estimate ({@code estimators.go}, {@code config.go defaultEstimators}): the eight default FFT estimators
 *       (keep at least 3 or 50 spectrum items, amplitude floor 1.0 or 0.05 in the metric's units, margin 1%, 10%,
 *       15% or 20%; components at or below 1/3600 Hz are always kept; at most 100 items) each rebuild the series by
 *       inverse FFT from the components kept and take its last period, times 1 + margin, as the next period (values
 *       at or below 0 become 0.01). The one with the smallest error on the last period, fitted on the periods before
 *       it, is used ({@code bestEstimator}; the error is a MAPE that amplifies under-prediction as -ln(1 - x) / ln
 *       1.25, or the MAE when an actual is near 0: {@code pkg/prediction/accuracy}).
 * </ol>
 *
 * Crane shuffles with a time-seeded random source; this uses a fixed seed so backtests repeat.
 */
final class CraneDsp {
    static final long DAY = 86_400;
    static final long WEEK = 7 * DAY;
    /** {@code MaxAutoCorrelationPeakSearchIntervalSeconds}. */
    static final long PEAK_SEARCH_SECONDS = 4 * 3600;
    /** {@code defaultHighFrequencyThreshold}: components of periods of an hour or longer are always kept. */
    static final double HIGH_FREQUENCY_THRESHOLD = 1.0 / 3600;

    static final int MAX_SPECTRUM_ITEMS = 100;
    static final double FFT_MIN_VALUE = 0.01;

    /** The defaults' {minNumOfSpectrumItems, lowAmplitudeThreshold, marginFraction}. */
    static final double[][] DEFAULT_ESTIMATORS = {
        {3, 1.0, 0.01}, {3, 1.0, 0.10}, {3, 1.0, 0.15}, {3, 1.0, 0.20},
        {50, 0.05, 0.01}, {50, 0.05, 0.10}, {50, 0.05, 0.15}, {50, 0.05, 0.20}
    };

    private final long stepSeconds;
    private final Random random = new Random(20);
    private final java.util.Map<Integer, Dft> transforms = new java.util.HashMap<>();

    /** @param stepSeconds the sample interval (Crane's {@code sampleInterval}; at most an hour) */
    CraneDsp(long stepSeconds) {
        this.stepSeconds = stepSeconds;
    }

    /**
     * @param history the samples, oldest first (NaN: missing), the last one just ended
     * @return the predicted next period (a day or a week of samples, starting right after the last sample), or null
     *     when Crane would predict nothing (no day or week period, or too little history)
     */
    double[] predictNextPeriod(double[] history) {
        double[] x = preprocess(history);
        if (x == null) {
            return null;
        }
        long period = findPeriod(x);
        if (period != DAY && period != WEEK) {
            return null;
        }
        int perPeriod = (int) (period / stepSeconds);
        int periods = x.length / perPeriod;
        if (periods < 2) {
            return null;
        }
        double[] signal = Arrays.copyOfRange(x, x.length - periods * perPeriod, x.length);
        double[] fitted = Arrays.copyOf(signal, (periods - 1) * perPeriod);
        double[] actual = Arrays.copyOfRange(signal, (periods - 1) * perPeriod, signal.length);
        double[] best = null;
        double bestError = Double.MAX_VALUE;
        double[][] fittedSpectrum = dft(fitted.length).forward(fitted);
        for (double[] e : DEFAULT_ESTIMATORS) {
            double error = predictionError(actual, estimate(fittedSpectrum, perPeriod, e));
            if (error < bestError) {
                bestError = error;
                best = e;
            }
        }
        return best == null ? null : estimate(dft(signal.length).forward(signal), perPeriod, best);
    }

    /** Linear gap filling, whole hours, extreme outliers replaced; null when nothing is left. */
    double[] preprocess(double[] history) {
        int perHour = (int) Math.max(1, 3600 / stepSeconds);
        int maxGap = (int) (3600 / stepSeconds); // a gap of more than an hour between samples drops what came before
        int first = -1;
        int last = -1;
        for (int i = 0; i < history.length; i++) {
            if (Double.isNaN(history[i])) {
                continue;
            }
            if (last >= 0 && i - last > maxGap) {
                first = i;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
        }
        if (first < 0) {
            return null;
        }
        double[] filled = new double[last - first + 1];
        int prev = first;
        for (int i = first; i <= last; i++) {
            if (Double.isNaN(history[i])) {
                continue;
            }
            for (int j = prev + 1; j < i; j++) {
                filled[j - first] = history[prev] + (history[i] - history[prev]) * (j - prev) / (i - prev);
            }
            filled[i - first] = history[i];
            prev = i;
        }
        int keep = filled.length / perHour * perHour;
        if (keep == 0) {
            return null;
        }
        double[] x = Arrays.copyOfRange(filled, filled.length - keep, filled.length);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double high = percentile(sorted, 99.9);
        double low = percentile(sorted, 0.1);
        // Under 1,000 samples the P0.1 does not exist and Crane leaves the outliers in.
        for (int i = 1; i < x.length && !Double.isNaN(high) && !Double.isNaN(low); i++) {
            if (x[i] > high || x[i] < low) {
                x[i] = x[i - 1];
            }
        }
        return x;
    }

    /** The period in seconds: a day or a week when one is found, else -1. */
    long findPeriod(double[] x) {
        for (long span : new long[] {WEEK, DAY}) {
            int n = (int) (span / stepSeconds);
            int multiple = x.length / n;
            if (multiple > 1) {
                return findPeriodOf(Arrays.copyOfRange(x, x.length - multiple * n, x.length));
            }
        }
        return -1;
    }

    /** One transform per length, reused across refits (its set-up costs as much as a transform). */
    private Dft dft(int n) {
        if (transforms.size() > 8 && !transforms.containsKey(n)) {
            transforms.clear(); // lengths change while history is shorter than 15 days or after a gap
        }
        return transforms.computeIfAbsent(n, Dft::new);
    }

    private long findPeriodOf(double[] s) {
        int n = s.length;
        Dft dft = dft(n);
        double[] shuffled = s.clone();
        double[] maxima = new double[100];
        for (int round = 0; round < 100; round += 2) {
            // Two permutations at once: one as the real part, the next as the imaginary part of one complex DFT,
            // taken apart by symmetry (X_k = (Z_k + conj Z_(n-k)) / 2, Y_k = (Z_k - conj Z_(n-k)) / 2i).
            shuffle(shuffled);
            double[] first = shuffled.clone();
            shuffle(shuffled);
            double[][] z = dft.forward(first, shuffled);
            for (int k = 1; k < n / 2; k++) {
                double ar = z[0][k];
                double ai = z[1][k];
                double br = z[0][n - k];
                double bi = -z[1][n - k];
                maxima[round] = Math.max(maxima[round], Math.sqrt((ar + br) * (ar + br) + (ai + bi) * (ai + bi)) / 2);
                maxima[round + 1] =
                        Math.max(maxima[round + 1], Math.sqrt((ar - br) * (ar - br) + (ai - bi) * (ai - bi)) / 2);
            }
        }
        Arrays.sort(maxima);
        double threshold = maxima[98];
        double[] power = Dft.magnitudes(dft.forward(s));
        List<Integer> hints = new ArrayList<>();
        for (int k = 2; k < n / 2; k++) {
            if (power[k] > threshold && (hints.isEmpty() || hints.get(hints.size() - 1) > n / k)) {
                hints.add(n / k);
            }
        }
        double[] acf = autocorrelation(s, dft);
        int maxR = (int) (PEAK_SEARCH_SECONDS / stepSeconds);
        double best = 0;
        int chosen = -1;
        for (int hint : hints) {
            if (isPeak(acf, hint, Math.min(maxR, hint / 2)) && best < acf[hint]) {
                best = acf[hint];
                chosen = hint;
            }
        }
        return chosen < 0 ? -1 : chosen * stepSeconds;
    }

    private void shuffle(double[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** Circular autocorrelation of the standardized series: IFFT(|FFT(z)|^2) / n. */
    private static double[] autocorrelation(double[] s, Dft dft) {
        int n = s.length;
        double mean = Arrays.stream(s).average().orElse(0);
        double var = 0;
        for (double v : s) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / n);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = sd > 0 ? (s[i] - mean) / sd : 0;
        }
        double[][] spectrum = dft.forward(z);
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] = spectrum[0][k] * spectrum[0][k] + spectrum[1][k] * spectrum[1][k];
        }
        double[] re = dft.inverse(p, new double[n])[0];
        for (int i = 0; i < n; i++) {
            re[i] /= n;
        }
        return re;
    }

    /** Least-squares slopes: rising over [i - k, i], falling over [i, i + k]. */
    static boolean isPeak(double[] x, int i, int k) {
        int n = x.length;
        if (i < 1 || i > n - 1) {
            return false;
        }
        return slope(x, Math.max(0, i - k), i) > 0 && slope(x, i, Math.min(n - 1, i + k)) < 0;
    }

    private static double slope(double[] x, int from, int to) {
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        int count = to - from + 1;
        for (int j = from; j <= to; j++) {
            sx += j;
            sy += x[j];
            sxy += j * x[j];
            sxx += (double) j * j;
        }
        double denominator = count * sxx - sx * sx;
        return denominator == 0 ? 0 : (count * sxy - sx * sy) / denominator;
    }

    /**
     * One FFT estimator on a whole number of periods: the spectrum filtered as {@code fftEstimator.GetEstimation}
     * does, then the last period of its inverse, times 1 + margin.
     *
     * @param transformed the signal's DFT {real, imaginary} (left unchanged)
     * @param e {minNumOfSpectrumItems, lowAmplitudeThreshold, marginFraction}
     */
    double[] estimate(double[][] transformed, int perPeriod, double[] e) {
        int n = transformed[0].length;
        int minItems = (int) e[0];
        double[][] spectrum = {transformed[0].clone(), transformed[1].clone()};
        double[] magnitude = Dft.magnitudes(spectrum);
        double[] amplitudes = new double[Math.max(0, n / 2 - 1)];
        for (int k = 1; k < n / 2; k++) {
            amplitudes[k - 1] = magnitude[k] / n;
        }
        if (amplitudes.length == 0) {
            return null;
        }
        Arrays.sort(amplitudes);
        int len = amplitudes.length;
        // Descending order: the i-th largest is amplitudes[len - 1 - i].
        double minAmplitude = len >= MAX_SPECTRUM_ITEMS ? amplitudes[len - MAX_SPECTRUM_ITEMS] : amplitudes[0];
        minAmplitude = Math.max(minAmplitude, e[1]);
        if (len >= minItems && amplitudes[len - minItems] < minAmplitude) {
            minAmplitude = amplitudes[len - minItems];
        }
        double sampleRate = 1.0 / stepSeconds;
        for (int k = 0; k < n; k++) {
            double frequency = k * sampleRate / n;
            if (magnitude[k] / n < minAmplitude && frequency > HIGH_FREQUENCY_THRESHOLD) {
                spectrum[0][k] = 0;
                spectrum[1][k] = 0;
            }
        }
        double[] rebuilt = dft(n).inverse(spectrum[0], spectrum[1])[0];
        double[] next = new double[perPeriod];
        for (int i = 0; i < perPeriod; i++) {
            double a = rebuilt[n - perPeriod + i];
            next[i] = (a <= 0 ? FFT_MIN_VALUE : a) * (1 + e[2]);
        }
        return next;
    }

    /** Crane's {@code accuracy.PredictionError}: the amplified MAPE, or the MAE when an actual is below 1e-3. */
    static double predictionError(double[] actual, double[] predicted) {
        if (predicted == null) {
            return Double.MAX_VALUE;
        }
        double e = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 1e-3) {
                double mae = 0;
                for (int j = 0; j < actual.length; j++) {
                    mae += Math.abs(actual[j] - predicted[j]);
                }
                return mae / actual.length;
            }
            double x = (actual[i] - predicted[i]) / actual[i];
            e += predicted[i] < actual[i] ? -Math.log(1 - x) / Math.log(1.25) : -x;
        }
        return e / actual.length;
    }

    /**
     * montanaflynn/stats {@code Percentile}, which Crane uses: index = percent/100 x n; a whole index takes that rank,
     * else the mean of the two ranks around it; NaN (Crane's error, which skips outlier removal) below the first rank.
     */
    static double percentile(double[] sorted, double percent) {
        double index = percent / 100 * sorted.length;
        if (index == Math.rint(index) && index >= 1) {
            return sorted[(int) index - 1];
        }
        if (index > 1) {
            int i = (int) index;
            return (sorted[i - 1] + sorted[i]) / 2;
        }
        return Double.NaN;
    }
}
