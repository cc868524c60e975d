package io.predictivescaling.forecast;

/** Variance-stabilising transforms: on log(1 + y) seasons and level shifts become ratios. */
final class Transforms {
    private Transforms() {}

    static double[] log1p(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = Math.log1p(Math.max(0, y[i]));
        }
        return out;
    }
}
