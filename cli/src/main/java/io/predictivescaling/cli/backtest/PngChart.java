package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Date;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** report.png: demand, the prediction band and the three capacities, drawn headless with XChart. */
final class PngChart {
    private PngChart() {
    }

    static void write(Path file, BacktestResult r) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChartData d = ChartData.of(r, 2500);
        XYChart chart = new XYChartBuilder().width(1600).height(700)
                .title("Backtest: " + r.trace().name()).xAxisTitle("time (UTC)").yAxisTitle("load").build();
        chart.getStyler().setDatePattern("yyyy-MM-dd");
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setPlotGridLinesVisible(true);
        Date[] x = new Date[d.time().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = new Date(d.time()[i]);
        }
        add(chart, "P90 prediction", x, d.upper(), new Color(150, 180, 230), 1f);
        add(chart, "demand", x, d.demand(), new Color(90, 90, 90), 1.2f);
        add(chart, "reactive capacity", x, d.reactive(), new Color(230, 120, 30), 1.2f);
        add(chart, "predictive capacity", x, d.predictive(), new Color(30, 150, 60), 1.6f);
        add(chart, "oracle capacity", x, d.oracle(), Color.BLACK, 0.8f);
        BitmapEncoder.saveBitmap(chart, file.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void add(XYChart chart, String name, Date[] x, double[] y, Color color, float width) {
        java.util.List<Date> xs = new java.util.ArrayList<>();
        java.util.List<Double> ys = new java.util.ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
    }

}
