package io.predictivescaling.forecast;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;

/**
 * The coefficients of {@link GlobalAutoregression}: one linear map, shared by every series, from the last {@code
 * lags} steps to the next {@code horizon} steps, both divided by the mean of the last {@code scaleWindow} steps and
 * taken as {@code ln(x / scale + }{@value #OFFSET}{@code )}. Fitted by ridge-regularised least squares over many
 * series' windows ({@link #fit}); stored as a small CSV ({@link #write}, {@link #read}).
 *
 * <p>The CSV: a header row {@code lags,scale_window,horizon,ridge,step,holdout,windows}, one row of those values
 * ({@code holdout} is always 0: kept so the shipped model's file is unchanged), then {@code lags + 1} rows of {@code
 * horizon} coefficients each: the weight of each lag (oldest first) on each step ahead, and last the intercept row.
 * The default model ({@code global-ar-hourly.csv.gz}) is stored gzipped.
 *
 * @param lags how many past steps the map reads (168 = a week of hours); at least 1
 * @param scaleWindow how many of the last steps the per-window scale averages (168 = a week of hours); 1 to {@code
 *     lags}
 * @param horizon how many steps ahead the map writes directly; at least 1
 * @param ridge the ridge penalty per fitted window, on the normalised logs; finite, at least 0
 * @param step how far apart the fitted windows' ends were, in steps; at least 1
 * @param windows how many windows were fitted
 * @param weights {@code lags + 1} rows (the last the intercept) of {@code horizon} finite coefficients
 * @throws IllegalArgumentException if a value is out of range or the weights do not have that shape
 */
public record GlobalArModel(
        int lags, int scaleWindow, int horizon, double ridge, int step, long windows, double[][] weights) {

    /** Checks the shape, so a bad model fails here, in words, rather than as an index error when it forecasts. */
    public GlobalArModel {
        if (lags < 1 || scaleWindow < 1 || scaleWindow > lags || horizon < 1 || step < 1 || windows < 0) {
            throw new IllegalArgumentException("global-ar model: need lags >= 1, 1 <= scale_window <= lags, horizon"
                    + " >= 1, step >= 1, windows >= 0; got lags " + lags + ", scale_window " + scaleWindow
                    + ", horizon " + horizon + ", step " + step + ", windows " + windows);
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("global-ar model: ridge must be finite and >= 0, got " + ridge);
        }
        if (weights == null || weights.length != lags + 1) {
            throw new IllegalArgumentException("global-ar model: expected " + (lags + 1)
                    + " coefficient rows (lags + 1)," + " found " + (weights == null ? 0 : weights.length));
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == null || weights[i].length != horizon) {
                throw new IllegalArgumentException("global-ar model: coefficient row " + (i + 1) + " has "
                        + (weights[i] == null ? 0 : weights[i].length) + " values, expected horizon " + horizon);
            }
            for (int h = 0; h < horizon; h++) {
                if (!Double.isFinite(weights[i][h])) {
                    throw new IllegalArgumentException("global-ar model: coefficient row " + (i + 1) + ", column "
                            + (h + 1) + " is " + weights[i][h] + " (not finite)");
                }
            }
        }
    }

    /** Added to each normalised value before the log, so a zero hour has a finite log. */
    public static final double OFFSET = 0.01;

    /** Whether a window can be normalised: its scale is positive and finite. */
    static boolean usable(double scale) {
        return scale > 0 && Double.isFinite(scale);
    }

    /** The mean of {@code y[to - scaleWindow .. to)}. */
    double scale(double[] y, int to) {
        return SeasonalProfile.mean(y, to - scaleWindow, to);
    }

    /** The map's input for the window ending before {@code to}, with a trailing 1 for the intercept. */
    double[] input(double[] y, int to, double scale) {
        double[] z = new double[lags + 1];
        for (int i = 0; i < lags; i++) {
            z[i] = Math.log(Math.max(0, y[to - lags + i]) / scale + OFFSET);
        }
        z[lags] = 1;
        return z;
    }

    /**
     * The next {@link #horizon} steps after the first {@code to} of {@code y}; needs {@code to >= lags}.
     */
    double[] apply(double[] y, int to) {
        double scale = scale(y, to);
        double[] z = input(y, to, scale);
        double[] out = new double[horizon];
        for (int i = 0; i <= lags; i++) {
            double zi = z[i];
            double[] w = weights[i];
            for (int h = 0; h < horizon; h++) {
                out[h] += zi * w[h];
            }
        }
        for (int h = 0; h < horizon; h++) {
            out[h] = Math.max(0, Math.exp(out[h]) - OFFSET) * scale;
        }
        return out;
    }

    /**
     * Fits the map on every window of every series whose end is a multiple of {@code step} steps before the series'
     * end minus the horizon (the latest window first), skipping windows whose scale is not positive.
     *
     * @param series the training series, oldest value first, regular steps, no gaps; finite values
     * @param lags how many past steps the map reads; at least 1
     * @param scaleWindow how many of the last steps each window's scale averages; 1 to {@code lags}
     * @param horizon how many steps ahead the map writes; at least 1
     * @param ridge the ridge penalty per window, on the normalised logs; at least 0 (0 fails on degenerate data)
     * @param step how far apart the fitted windows' ends are, in steps; at least 1
     * @return the fitted model, all coefficients finite
     * @throws IllegalArgumentException if an option is out of range, a value is not finite, no series is long enough
     *     for one window, or the windows are degenerate for this ridge (the message says what to change)
     */
    public static GlobalArModel fit(
            Collection<double[]> series, int lags, int scaleWindow, int horizon, double ridge, int step) {
        if (scaleWindow > lags || scaleWindow < 1 || lags < 1 || horizon < 1 || step < 1 || !(ridge >= 0)) {
            throw new IllegalArgumentException("need 1 <= scaleWindow <= lags, horizon >= 1, step >= 1, ridge >= 0");
        }
        GlobalArModel shape =
                new GlobalArModel(lags, scaleWindow, horizon, ridge, step, 0, new double[lags + 1][horizon]);
        Normal normal = new Normal(lags + 1, horizon);
        for (double[] y : series) {
            for (int to = y.length - horizon; to >= lags; to -= step) {
                double scale = shape.scale(y, to);
                if (usable(scale)) {
                    double[] target = new double[horizon];
                    for (int h = 0; h < horizon; h++) {
                        target[h] = Math.log(Math.max(0, y[to + h]) / scale + OFFSET);
                    }
                    normal.add(shape.input(y, to, scale), target);
                }
            }
        }
        if (normal.rows == 0) {
            throw new IllegalArgumentException(
                    "no series has " + (lags + horizon) + " steps for one training window; give longer series");
        }
        double[][] weights;
        try {
            weights = normal.solve(ridge, lags);
        } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
            throw new IllegalArgumentException("the training windows are degenerate (too few or too alike) for ridge "
                    + ridge + ": use a positive --ridge (e.g. 0.01)");
        }
        for (double[] row : weights) {
            for (double w : row) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException(
                            "the fit gave a non-finite coefficient (ridge " + ridge + "): use a larger --ridge");
                }
            }
        }
        return new GlobalArModel(lags, scaleWindow, horizon, ridge, step, normal.rows, weights);
    }

    /** The normal equations of a least-squares fit, accumulated window by window. */
    private static final class Normal {
        final double[][] xtx;
        final double[][] xty;
        long rows;

        Normal(int p, int horizon) {
            xtx = new double[p][p];
            xty = new double[p][horizon];
        }

        void add(double[] z, double[] target) {
            for (int i = 0; i < z.length; i++) {
                double zi = z[i];
                double[] row = xtx[i];
                for (int j = i; j < z.length; j++) {
                    row[j] += zi * z[j];
                }
                double[] ty = xty[i];
                for (int h = 0; h < target.length; h++) {
                    ty[h] += zi * target[h];
                }
            }
            rows++;
        }

        /** Ridge solution; the last ({@code penalised}-th) coefficient, the intercept, goes unpenalised. */
        double[][] solve(double ridge, int penalised) {
            int p = xtx.length;
            double[][] a = new double[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] = j >= i ? xtx[i][j] : xtx[j][i];
                }
                if (i < penalised) {
                    // the level is already divided out; the intercept's mean log is not 0, so it is left free
                    a[i][i] += ridge * rows;
                }
            }
            var solver = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-12, 1e-14).getSolver();
            return solver.solve(new Array2DRowRealMatrix(xty, false)).getData();
        }
    }

    private static final String[] HEADER = {"lags", "scale_window", "horizon", "ridge", "step", "holdout", "windows"};

    /** Writes the CSV described above; coefficients to 7 significant digits. */
    public void write(Writer out) throws IOException {
        try (CSVPrinter csv =
                CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get().print(out)) {
            csv.printRecord((Object[]) HEADER);
            csv.printRecord(lags, scaleWindow, horizon, ridge, step, 0, windows);
            for (double[] row : weights) {
                List<String> cells = new ArrayList<>(row.length);
                for (double w : row) {
                    cells.add(String.format(Locale.ROOT, "%.7g", w));
                }
                csv.printRecord(cells);
            }
        }
    }

    /** What to do about a model that cannot be read. */
    private static final String FIX = "write one with: predictive-scaling train --train FILE --out MODEL";

    /**
     * Reads what {@link #write} wrote, from a file (gunzipped if its name ends in {@code .gz}).
     *
     * @param file the model file
     * @return the model, its shape checked and its coefficients finite
     * @throws IllegalArgumentException naming the file (and row where relevant) and the fix, for any read error: a
     *     missing or unreadable file, bad gzip, bad CSV, a bad number or shape
     */
    public static GlobalArModel read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                Reader in = new InputStreamReader(
                        file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8)) {
            return read(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof java.io.EOFException) {
                why = "cut short (" + why + ")";
            } else if (e instanceof java.nio.file.NoSuchFileException) {
                why = "no such file";
            }
            throw new IllegalArgumentException(file + ": not a readable global-ar model: " + why + "; " + FIX, e);
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @param in the model's CSV text
     * @return the model, its shape checked and its coefficients finite
     * @throws IllegalArgumentException naming the row and the fix, when the CSV, the shape or a number is wrong
     * @throws IOException if {@code in} cannot be read
     */
    public static GlobalArModel read(Reader in) throws IOException {
        List<CSVRecord> records;
        try (CSVParser csv = CSVFormat.DEFAULT.parse(in)) {
            records = csv.getRecords();
        } catch (UncheckedIOException e) {
            // commons-csv reports a malformed line (an unbalanced quote) as an unchecked IOException
            if (e.getCause() instanceof java.io.EOFException || !(e.getCause() instanceof CSVException)) {
                throw e.getCause() != null ? e.getCause() : new IOException(e);
            }
            throw new IllegalArgumentException(
                    "not a global-ar model: bad CSV (" + e.getCause().getMessage() + "); " + FIX);
        } catch (CSVException e) {
            throw new IllegalArgumentException("not a global-ar model: bad CSV (" + e.getMessage() + "); " + FIX);
        }
        if (records.size() < 3
                || !records.get(0).get(0).equals(HEADER[0])
                || records.get(1).size() != HEADER.length) {
            throw new IllegalArgumentException(
                    "not a global-ar model: expected a header row 'lags,...,windows', its values and coefficient"
                            + " rows; " + FIX);
        }
        CSVRecord meta = records.get(1);
        int lags = (int) number(meta, 0);
        int horizon = (int) number(meta, 2);
        if (lags < 1 || horizon < 1 || records.size() != lags + 3) {
            throw new IllegalArgumentException("global-ar model row 2: lags " + lags + " and horizon " + horizon
                    + " need lags >= 1, horizon >= 1 and lags + 1 coefficient rows after it, found "
                    + (records.size() - 2) + "; " + FIX);
        }
        double[][] weights = new double[lags + 1][horizon];
        for (int i = 0; i <= lags; i++) {
            CSVRecord r = records.get(i + 2);
            if (r.size() != horizon) {
                throw new IllegalArgumentException("global-ar model row " + (i + 3) + ": expected " + horizon
                        + " coefficients, found " + r.size() + "; " + FIX);
            }
            for (int h = 0; h < horizon; h++) {
                weights[i][h] = number(r, h);
            }
        }
        try {
            return new GlobalArModel(
                    lags,
                    (int) number(meta, 1),
                    horizon,
                    number(meta, 3),
                    (int) number(meta, 4),
                    (long) number(meta, 6),
                    weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + FIX, e);
        }
    }

    /** Cell {@code i} of a row as a number, or an error naming the row and column. */
    private static double number(CSVRecord r, int i) {
        String cell = r.get(i).trim();
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("global-ar model row " + r.getRecordNumber() + ", column " + (i + 1)
                    + ": '" + cell + "' is not a number; " + FIX);
        }
    }

    /** Where the default model lives in shared's resources. */
    static final String DEFAULT_RESOURCE = "/io/predictivescaling/forecast/global-ar-hourly.csv.gz";

    private static volatile GlobalArModel hourlyDefault;

    /**
     * The default hourly model, read once on first use.
     *
     * @throws IllegalStateException if the bundled resource is missing or unreadable (an exception, never an Error,
     *     so a caller's per-target handling sees it; the next call tries again)
     */
    static GlobalArModel hourlyDefault() {
        GlobalArModel m = hourlyDefault;
        if (m == null) {
            synchronized (GlobalArModel.class) {
                m = hourlyDefault;
                if (m == null) {
                    m = load(DEFAULT_RESOURCE);
                    hourlyDefault = m;
                }
            }
        }
        return m;
    }

    /** Reads a gzipped model from the class path; any failure is an IllegalStateException naming the resource. */
    static GlobalArModel load(String resource) {
        try (InputStream in = GlobalArModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled global-ar model " + resource + " is missing from the"
                        + " class path; rebuild shared (its resources hold it)");
            }
            return read(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise && e.getCause() == null) {
                throw ise;
            }
            throw new IllegalStateException(
                    "the bundled global-ar model " + resource + " could not be read (" + e.getMessage()
                            + "); rebuild shared from a clean checkout",
                    e);
        }
    }
}
