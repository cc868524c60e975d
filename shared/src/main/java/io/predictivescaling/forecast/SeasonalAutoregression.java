package io.predictivescaling.forecast;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * A linear autoregression on the series' own lags, fitted per series by ridge-regularised least squares and
 * run forward step by step (recursive multi-step forecasting). The lags are the last six steps, the same
 * time one to six days back (and an hour either side of a day and a week back) and two weeks back, so one
 * model holds the recent level, the daily and the weekly shape and how they mix. The series is centred on
 * its last week's mean and scaled by its mean absolute deviation first, so one ridge strength suits every
 * series. Optionally works on log(1 + y), where seasons scale with the level.
 *
 * <p>This is the local, per-series form of the linear "global AR" models that did well on M4 Hourly
 * (Montero-Manso and Hyndman 2021, "Principles and algorithms for forecasting groups of time series").
 * The ridge strength was chosen on the last 48 hours of the M4 Hourly validation split's training part.
 */
public record SeasonalAutoregression(int day, boolean logScale, String name) implements ForecastMethod {
    /** Ridge penalty per fitted row, on the scaled series: light, just enough to steady collinear lags. */
    static final double RIDGE_PER_ROW = 1e-4;
    /** The fit uses at most this many weeks of rows, so a change of regime a season ago counts less. */
    static final int MAX_FIT_WEEKS = 8;

    /** The lags in steps for a series with {@code day} steps per day. */
    int[] lags() {
        int week = 7 * day;
        return new int[] {
            1,
            2,
            3,
            4,
            5,
            6,
            day - 1,
            day,
            day + 1,
            2 * day - 1,
            2 * day,
            3 * day,
            4 * day,
            5 * day,
            6 * day,
            week - 1,
            week,
            week + 1,
            2 * week
        };
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        int[] lags = lags();
        int n = history.length;
        int maxLag = lags[lags.length - 1];
        double[] y = new double[n + horizon];
        for (int i = 0; i < n; i++) {
            y[i] = logScale ? Math.log1p(Math.max(0, history[i])) : history[i];
        }
        int week = 7 * day;
        double level = SeasonalProfile.mean(y, n - week, n);
        double spread = 0;
        for (int i = n - week; i < n; i++) {
            spread += Math.abs(y[i] - level);
        }
        spread = spread / week;
        if (spread < 1e-9) {
            spread = 1;
        }
        for (int i = 0; i < n; i++) {
            y[i] = (y[i] - level) / spread;
        }
        int first = Math.max(maxLag, n - MAX_FIT_WEEKS * week);
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = first; i < n; i++) {
            lowest = Math.min(lowest, y[i]);
            highest = Math.max(highest, y[i]);
        }
        // An unstable fit (roots outside the unit circle) would run away over 48 steps: keep every step within
        // the fitted range widened by its own width, so the method can be wrong but never absurd.
        double margin = Math.max(highest - lowest, 1);
        int rows = n - first;
        int p = lags.length + 1;
        double[][] x = new double[rows][p];
        double[] target = new double[rows];
        for (int t = first; t < n; t++) {
            double[] row = x[t - first];
            row[0] = 1;
            for (int j = 0; j < lags.length; j++) {
                row[j + 1] = y[t - lags[j]];
            }
            target[t - first] = y[t];
        }
        RealVector beta = solve(x, target, rows);
        double[] forecast = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            int t = n + k;
            double v = beta.getEntry(0);
            for (int j = 0; j < lags.length; j++) {
                v += beta.getEntry(j + 1) * y[t - lags[j]];
            }
            v = Math.max(lowest - margin, Math.min(highest + margin, Double.isFinite(v) ? v : 0));
            y[t] = v;
            double value = v * spread + level;
            forecast[k] = Math.max(0, logScale ? Math.expm1(value) : value);
        }
        return forecast;
    }

    /**
     * Ridge normal equations (the intercept unpenalised); a degenerate fit falls back to the mean. X'X and X'y are
     * summed here over plain arrays, row by row in the order commons-math's {@code transpose().multiply(x)} and
     * {@code operate} add them (so the fit is the same to the last bit): its generic multiply, one bounds-checked
     * {@code getEntry} per term, was a third of a backtest's CPU.
     */
    private static RealVector solve(double[][] x, double[] target, int rows) {
        int p = x[0].length;
        double[][] xtx = new double[p][p];
        double[] xty = new double[p];
        for (int i = 0; i < rows; i++) {
            double[] row = x[i];
            for (int r = 0; r < p; r++) {
                double v = row[r];
                double[] out = xtx[r];
                for (int c = r; c < p; c++) {
                    out[c] += v * row[c];
                }
                xty[r] += v * target[i];
            }
        }
        double ridge = RIDGE_PER_ROW * rows;
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < r; c++) {
                xtx[r][c] = xtx[c][r];
            }
            if (r > 0) {
                xtx[r][r] += ridge;
            }
        }
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(xtx, false))
                    .getSolver()
                    .solve(new ArrayRealVector(xty, false));
        } catch (NonPositiveDefiniteMatrixException e) {
            RealVector mean = new ArrayRealVector(p);
            double sum = 0;
            for (double v : target) {
                sum += v;
            }
            mean.setEntry(0, sum / Math.max(1, target.length));
            return mean;
        }
    }

    @Override
    public int minHistory() {
        return 14 * day + 4 * day;
    }
}
