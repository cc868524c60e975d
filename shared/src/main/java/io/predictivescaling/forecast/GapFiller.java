package io.predictivescaling.forecast;

/**
 * Fills gaps (NaN) so that methods see a regular series: with the value a day earlier, else a week
 * earlier, else the nearest known values joined by a straight line. A gap longer than a day is filled with the
 * same time a week earlier wherever that was observed: the days it hides are other days of the week, and an outage
 * from Friday to Monday filled with Friday repeated would teach weekly and day-type methods a weekend at weekday
 * level. Leading gaps are dropped.
 */
final class GapFiller {
    private GapFiller() {}

    /** @return the filled series, starting at the first known value; empty when nothing is known */
    static double[] fill(double[] values, int day) {
        int first = 0;
        while (first < values.length && !known(values[first])) {
            first++;
        }
        double[] y = java.util.Arrays.copyOfRange(values, first, values.length);
        int gapStart = 0;
        int gapEnd = 0;
        for (int i = 0; i < y.length; i++) {
            if (known(y[i])) {
                continue;
            }
            if (i >= gapEnd) {
                gapStart = i;
                gapEnd = i;
                while (gapEnd < y.length && !known(values[first + gapEnd])) {
                    gapEnd++;
                }
            }
            // a gap longer than a day hides other days of the week (a weekend): the same time a week earlier, if it
            // was observed, rather than one day repeated
            if (gapEnd - gapStart > day && i >= 7 * day && known(values[first + i - 7 * day])) {
                y[i] = y[i - 7 * day];
            } else if (i >= day && known(y[i - day])) {
                y[i] = y[i - day];
            } else if (i >= 7 * day && known(y[i - 7 * day])) {
                y[i] = y[i - 7 * day];
            } else {
                int next = i + 1;
                while (next < y.length && !known(values[first + next])) {
                    next++;
                }
                double before = y[i - 1];
                y[i] = next < y.length ? before + (values[first + next] - before) / (next - i + 1) : before;
            }
        }
        return y;
    }

    private static boolean known(double v) {
        return Double.isFinite(v) && v >= 0;
    }
}
