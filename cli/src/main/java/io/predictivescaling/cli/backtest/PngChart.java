package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * report.png, drawn headless with XChart: the verdict above the chart, then demand, the P10–P90 forecast, the three
 * capacities and each policy's under-provisioned intervals, with the same colours and legend as report.html and
 * the load's unit on an axis with SI-style numbers (12.5k).
 */
final class PngChart {
    static final Color DEMAND = new Color(0x1f1f1f);
    static final Color BAND = new Color(0x7fa6e0);
    static final Color FORECAST = new Color(0x3060c0);
    static final Color REACTIVE = new Color(0xe67e22);
    static final Color PREDICTIVE = new Color(0x1e9e4a);
    static final Color ORACLE = new Color(0x8e44ad);
    static final Color REACTIVE_UNDER = new Color(0xd35400);
    static final Color PREDICTIVE_UNDER = new Color(0x0b5e2a);
    private static final int WIDTH = 1600;

    private PngChart() {}

    static void write(Path file, BacktestResult r, Verdict verdict, ReportOptions options) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int n = r.timeline().demand().length;
        long perWeek = 7 * 86400 / Math.max(1, r.trace().step().getSeconds());
        int from = (int) Math.max(0, n - perWeek);
        String range = from == 0 ? "the whole trace" : "the last 7 days";
        XYChart detail = chart("Backtest of " + r.trace().name() + ": " + range, 560, options);
        ChartData d = ChartData.of(r, from, n, 1500);
        Date[] x = dates(d);
        add(detail, "P10–P90 forecast", x, d.upper(), BAND, 1f, null);
        add(detail, "P10", x, d.lower(), BAND, 1f, null).ifPresent(s -> s.setShowInLegend(false));
        add(detail, "demand", x, d.demand(), DEMAND, 1.3f, null);
        add(detail, "forecast", x, d.predicted(), FORECAST, 1.2f, new float[] {6, 4});
        add(detail, "predictive capacity", x, d.predictive(), PREDICTIVE, 2.2f, null);
        add(detail, "reactive capacity", x, d.reactive(), REACTIVE, 1.6f, null);
        add(detail, "oracle capacity", x, d.oracle(), ORACLE, 1.2f, new float[] {2, 3});
        marks(detail, "reactive under-provisioned", r, from, r.timeline().reactiveServing(), REACTIVE_UNDER);
        marks(detail, "predictive under-provisioned", r, from, r.timeline().predictiveServing(), PREDICTIVE_UNDER);
        BufferedImage top = BitmapEncoder.getBufferedImage(detail);
        BufferedImage whole = null;
        if (from > 0) {
            // The whole trace: demand (each pixel's min and max) and where each policy fell short.
            XYChart overview =
                    chart("The whole trace: demand and the intervals each policy left under-provisioned", 300, options);
            overview.getStyler().setLegendVisible(false);
            ChartData all = ChartData.of(r, 0, n, 800);
            add(overview, "demand", dates(all), all.demand(), new Color(0x8a8a8a), 0.8f, null);
            marks(overview, "reactive under-provisioned", r, 0, r.timeline().reactiveServing(), REACTIVE_UNDER);
            marks(overview, "predictive under-provisioned", r, 0, r.timeline().predictiveServing(), PREDICTIVE_UNDER);
            whole = BitmapEncoder.getBufferedImage(overview);
        }
        ImageIO.write(withVerdict(top, whole, verdict.sentence()), "png", file.toFile());
    }

    private static XYChart chart(String title, int height, ReportOptions options) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(height)
                .title(title)
                .xAxisTitle("time (UTC)")
                .yAxisTitle(options.axisTitle())
                .build();
        var styler = chart.getStyler();
        styler.setTimezone(TimeZone.getTimeZone("UTC"));
        styler.setDatePattern("yyyy-MM-dd HH:mm");
        styler.setMarkerSize(7);
        styler.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        styler.setPlotGridLinesVisible(true);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe6e6e6));
        styler.setYAxisMin(0.0);
        styler.setyAxisTickLabelsFormattingFunction(PngChart::si);
        return chart;
    }

    private static Date[] dates(ChartData d) {
        Date[] x = new Date[d.time().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = new Date(d.time()[i]);
        }
        return x;
    }

    /** The verdict, wrapped, in a band above the chart. */
    private static BufferedImage withVerdict(BufferedImage plot, BufferedImage below, String verdict) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 18);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        FontMetrics fm = probe.createGraphics().getFontMetrics(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : verdict.split(" ")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > plot.getWidth() - 40) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        int band = 16 + lines.size() * (fm.getHeight() + 2);
        int extra = below == null ? 0 : below.getHeight();
        BufferedImage out =
                new BufferedImage(plot.getWidth(), plot.getHeight() + band + extra, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xeef6ee));
        g.fillRect(0, 0, out.getWidth(), band);
        g.setColor(PREDICTIVE);
        g.fillRect(0, 0, 6, band);
        g.setColor(new Color(0x1d1d1f));
        g.setFont(font);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), 20, 8 + fm.getAscent() + i * (fm.getHeight() + 2));
        }
        g.drawImage(plot, 0, band, null);
        if (below != null) {
            g.drawImage(below, 0, band + plot.getHeight(), null);
        }
        g.dispose();
        return out;
    }

    private static java.util.Optional<XYSeries> add(
            XYChart chart, String name, Date[] x, double[] y, Color color, float width, float[] dash) {
        List<Date> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return java.util.Optional.empty();
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(
                dash == null
                        ? new BasicStroke(width)
                        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        return java.util.Optional.of(s);
    }

    /** The intervals a policy left under-provisioned, as markers at their demand. */
    private static void marks(XYChart chart, String name, BacktestResult r, int from, int[] serving, Color color) {
        double[] demand = r.timeline().demand();
        List<Date> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int s = from; s < demand.length; s++) {
            if (!Double.isNaN(demand[s]) && demand[s] > serving[s] * r.config().unit() + 1e-9) {
                xs.add(Date.from(r.trace().time(s)));
                ys.add(demand[s]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        s.setShowInLegend(true);
    }

    /** 59300 as "59.3k": SI-style, as the page's axis. */
    static String si(double v) {
        double a = Math.abs(v);
        String[] suffix = {"T", "G", "M", "k"};
        double[] factor = {1e12, 1e9, 1e6, 1e3};
        for (int i = 0; i < factor.length; i++) {
            if (a >= factor[i]) {
                return plain(v / factor[i]) + suffix[i];
            }
        }
        return plain(v);
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }
}
