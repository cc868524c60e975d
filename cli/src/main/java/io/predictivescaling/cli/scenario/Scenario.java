package io.predictivescaling.cli.scenario;

import io.predictivescaling.backtest.Trace;
import io.predictivescaling.events.KnownEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The two stories the product exists for, as seeded synthetic replays (the data is generated, not recorded: the
 * same seed gives the same files on every machine). Each has a load trace, the mention volume of its keyword and,
 * for the release, a calendar; and earlier episodes of the same kind, so the product has something to learn
 * the impact from before the one the story is about.
 *
 * @param load load per interval (requests per interval)
 * @param mentions posts mentioning {@code keyword} per interval
 * @param sentiment their mean sentiment per interval, in [-1, 1]
 * @param unit load one capacity unit serves
 * @param moment when the story's load arrives (the release, the burst)
 * @param from start of the story window the headlines cover
 * @param to its end
 */
public record Scenario(
        String name,
        String keyword,
        Trace load,
        Trace mentions,
        double[] sentiment,
        List<KnownEvent> events,
        double unit,
        Instant moment,
        Instant from,
        Instant to) {
    public static final long SEED = 20261130L;
    static final Instant START = Instant.parse("2026-10-05T00:00:00Z"); // a Monday

    /**
     * A game release, Season 6, at 18:00 UTC on day 35: pre-load opens 6 h ahead (load climbs to 1.5x), the queue
     * an hour ahead (3x), 4x at launch, decaying over three days. Mentions: the launch trailer a day ahead (x5),
     * hype building to x15 by the release. Four earlier seasons (days 21 to 30, three days apart) went the same way; all five
     * are in the calendar, each from pre-load to 66 hours after launch. The layout is what lets the product learn
     * the release's effect hour by hour rather than as one average: windows of at most 72 hours with the same start
     * time, at least three past ones inside the 28 days of history the replay reads with two earlier weeks free of
     * releases at their hours of the week to measure them against.
     */
    public static Scenario gameRelease(long seed) {
        Random random = new Random(seed);
        Duration step = Duration.ofMinutes(15);
        int n = 39 * 96;
        List<Instant> releases = List.of(at(21, 18), at(24, 18), at(27, 18), at(30, 18), at(35, 18));
        double[] load = new double[n];
        double[] mentions = new double[n];
        double[] sentiment = new double[n];
        for (int i = 0; i < n; i++) {
            Instant t = START.plus(step.multipliedBy(i));
            double daily = 1 + 0.35 * Math.cos(2 * Math.PI * (hourOfDay(t) - 20) / 24);
            double lift = 1;
            double hype = 1;
            for (Instant r : releases) {
                double tau = Duration.between(r, t).getSeconds() / 3600.0;
                lift = Math.max(lift, releaseLoad(tau));
                hype = Math.max(hype, releaseMentions(tau));
            }
            load[i] = 1000 * daily * lift * Math.max(0.5, 1 + 0.04 * random.nextGaussian());
            mentions[i] = poisson(random, 30 * daily * hype);
            sentiment[i] = mood(random, hype);
        }
        List<KnownEvent> events = new ArrayList<>();
        String[] names = {"Season 2", "Season 3", "Season 4", "Season 5", "Season 6"};
        for (int k = 0; k < releases.size(); k++) {
            events.add(new KnownEvent(
                    "game_release",
                    names[k],
                    releases.get(k).minus(Duration.ofHours(6)),
                    releases.get(k).plus(Duration.ofHours(66)),
                    "scenario",
                    1.0));
        }
        Instant moment = releases.get(releases.size() - 1);
        return new Scenario(
                "game-release",
                "yourgame",
                trace("load.csv", step, load),
                trace("mentions.csv", step, mentions),
                sentiment,
                events,
                100,
                moment,
                moment.minus(Duration.ofHours(60)),
                moment.plus(Duration.ofHours(80)));
    }

    /** Load over the usual, {@code tau} hours from a release. */
    static double releaseLoad(double tau) {
        if (tau < -6) {
            return 1;
        }
        if (tau < -1) {
            return 1 + 0.5 * (tau + 6) / 5; // pre-load: downloads climbing
        }
        if (tau < 0) {
            return 3; // the queue opens
        }
        return 1 + 3 * Math.exp(-tau / 24); // 4x at launch, ~1.15x three days later
    }

    /** Mentions over the usual, {@code tau} hours from a release. */
    static double releaseMentions(double tau) {
        if (tau < -24) {
            return 1;
        }
        if (tau < 0) {
            return 5 + 10 * (tau + 24) / 24; // the trailer, then hype building
        }
        return 1 + 14 * Math.exp(-tau / 18);
    }

    /**
     * A viral moment at 14:35 UTC on day 21: mentions jump x25 ten minutes before the load triples for 40 minutes
     * (then fades over 80). Four earlier viral moments (days 9 to 18) taught the product what follows such a burst.
     */
    public static Scenario viralMoment(long seed) {
        Random random = new Random(seed);
        Duration step = Duration.ofMinutes(5);
        int n = 22 * 288;
        List<Instant> bursts = List.of(at(9, 11.5), at(12, 20.25), at(15, 9.75), at(18, 16.5), at(21, 14 + 35 / 60.0));
        double[] load = new double[n];
        double[] mentions = new double[n];
        double[] sentiment = new double[n];
        for (int i = 0; i < n; i++) {
            Instant t = START.plus(step.multipliedBy(i));
            double daily = 1 + 0.5 * Math.cos(2 * Math.PI * (hourOfDay(t) - 15) / 24);
            double lift = 1;
            double buzz = 1;
            for (Instant b : bursts) {
                double minutes = Duration.between(b, t).getSeconds() / 60.0;
                lift = Math.max(lift, burstLoad(minutes));
                buzz = Math.max(buzz, burstMentions(minutes + 10));
            }
            load[i] = 1000 * daily * lift * Math.max(0.5, 1 + 0.04 * random.nextGaussian());
            mentions[i] = poisson(random, 20 * daily * buzz);
            sentiment[i] = mood(random, buzz);
        }
        Instant moment = bursts.get(bursts.size() - 1);
        return new Scenario(
                "viral-moment",
                "yourapp",
                trace("load.csv", step, load),
                trace("mentions.csv", step, mentions),
                sentiment,
                List.of(),
                100,
                moment,
                moment.minus(Duration.ofHours(2)),
                moment.plus(Duration.ofHours(3)));
    }

    /** Load over the usual, {@code minutes} after a burst starts. */
    static double burstLoad(double minutes) {
        if (minutes < 0) {
            return 1;
        }
        if (minutes < 40) {
            return 3;
        }
        return minutes < 120 ? 3 - 2 * (minutes - 40) / 80 : 1;
    }

    /** Mentions over the usual, {@code minutes} after they start (ten minutes before the load). */
    static double burstMentions(double minutes) {
        if (minutes < 0) {
            return 1;
        }
        return 1 + 24 * Math.exp(-minutes / 40);
    }

    /** The same volumes in a seeded random order: mentions that lead nothing. */
    public static Trace shuffled(Trace mentions, long seed) {
        List<Double> values = new ArrayList<>();
        for (double v : mentions.demand()) {
            values.add(v);
        }
        Collections.shuffle(values, new Random(seed));
        return new Trace(
                mentions.name(),
                mentions.start(),
                mentions.step(),
                values.stream().mapToDouble(Double::doubleValue).toArray(),
                List.of());
    }

    /** Writes load.csv, mentions.csv and events.csv (the backtest's inputs) into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        csv(dir.resolve("load.csv"), load);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("mentions.csv"))) {
            w.write("timestamp,value,sentiment");
            w.newLine();
            for (int i = 0; i < mentions.size(); i++) {
                w.write(mentions.time(i) + ","
                        + String.format(Locale.ROOT, "%.0f,%.2f", mentions.demand()[i], sentiment[i]));
                w.newLine();
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("events.csv"))) {
            w.write("start,end,type,name,expectedImpact");
            w.newLine();
            for (KnownEvent e : events) {
                w.write(e.start() + "," + e.end() + "," + e.type() + "," + e.name() + ","
                        + (Double.isNaN(e.expectedImpact()) ? "" : e.expectedImpact()));
                w.newLine();
            }
        }
    }

    private static void csv(Path file, Trace t) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("timestamp,value");
            w.newLine();
            for (int i = 0; i < t.size(); i++) {
                w.write(t.time(i) + "," + String.format(Locale.ROOT, "%.1f", t.demand()[i]));
                w.newLine();
            }
        }
    }

    /** Mostly neutral chatter; excited (positive) when the volume is far above the usual. */
    private static double mood(Random random, double overUsual) {
        double mean = overUsual > 3 ? 0.6 : 0.1;
        return Math.max(-1, Math.min(1, mean + 0.15 * random.nextGaussian()));
    }

    private static Instant at(int day, double hour) {
        return START.plus(Duration.ofDays(day)).plusSeconds(Math.round(hour * 3600));
    }

    private static double hourOfDay(Instant t) {
        var utc = t.atZone(ZoneOffset.UTC);
        return utc.getHour() + utc.getMinute() / 60.0;
    }

    private static Trace trace(String name, Duration step, double[] values) {
        return new Trace(name, START, step, values, List.of());
    }

    /** Poisson counts (normal approximation above 30, exact below): mention counts are counts. */
    private static double poisson(Random random, double mean) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
