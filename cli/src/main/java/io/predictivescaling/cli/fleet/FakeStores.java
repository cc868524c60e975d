package io.predictivescaling.cli.fleet;

import io.predictivescaling.aws.ItemSize;
import io.predictivescaling.events.EventStore;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.FeedbackStore;
import io.predictivescaling.feedback.MaturedPrediction;
import io.predictivescaling.feedback.PathItem;
import io.predictivescaling.feedback.SizingTuner;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.Rollups;
import io.predictivescaling.metrics.TimeSeriesStore;
import io.predictivescaling.patterns.LoadPatterns;
import io.predictivescaling.patterns.PatternAnalyzer;
import io.predictivescaling.patterns.PatternStore;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.scaling.PredictionRecord;
import io.predictivescaling.scaling.PredictionStore;
import io.predictivescaling.sentiment.Signal;
import io.predictivescaling.sentiment.SignalStore;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * In-memory fakes of the DynamoDB-backed ports that answer as the adapters would and meter each call as the
 * adapter would make it (API, items, bytes), for {@code bench-fleet}. Sizes are those of the shipped item
 * layouts: a metrics item is one metric-hour of per-minute points (about 14 bytes a point), a prediction item
 * about 450 bytes, a target item about 300 bytes.
 */
final class FakeStores {
    static final int TARGET_BYTES = 300;
    static final int POINT_BYTES = 14;
    static final int HOUR_ITEM_OVERHEAD = 80;

    private FakeStores() {}

    /** The targets table: a Scan for the dispatcher, BatchGetItem by key for the queue consumer. */
    record Targets(List<ScalableTarget> all, Meter meter) implements TargetRepository {
        @Override
        public Loaded loadAll() {
            long bytes = (long) all.size() * TARGET_BYTES;
            for (long page = 0; page < Math.max(1, (bytes + (1 << 20) - 1) >> 20); page++) {
                meter.read("dynamodb:Scan targets", Math.min(bytes - (page << 20), 1 << 20));
            }
            return new Loaded(all, List.of());
        }

        @Override
        public Loaded load(Collection<String> targetIds) {
            Set<String> wanted = new HashSet<>(targetIds);
            for (int i = 0; i < wanted.size(); i += 100) {
                int n = Math.min(100, wanted.size() - i);
                meter.readItems("dynamodb:BatchGetItem targets", n, TARGET_BYTES);
            }
            return new Loaded(
                    all.stream().filter(t -> wanted.contains(t.targetId())).toList(), List.of());
        }
    }

    /**
     * The metrics table with a synthetic per-minute series per metric (one of a few daily/weekly shapes,
     * scaled per metric): a Query returns one item per metric-hour, paged at 1 MB.
     */
    static final class Metrics implements TimeSeriesStore, io.predictivescaling.metrics.HistoryDigests {
        private final Meter meter;
        private final Duration step;
        private static final int DIGEST_ITEM_OVERHEAD = 100;
        private final Map<String, byte[]> digests = new ConcurrentHashMap<>();
        private volatile int digestBytes;

        Metrics(Meter meter, Duration step) {
            this.meter = meter;
            this.step = step;
        }

        static int shape(String metricId) {
            return Math.floorMod(metricId.hashCode(), 8);
        }

        /** Each shape's week at 1-minute steps, computed once: generating samples must not cost what planning does. */
        private static final double[][] WEEKS = new double[8][7 * 24 * 60];

        static {
            Instant monday = Instant.parse("2026-11-30T00:00:00Z");
            for (int shape = 0; shape < 8; shape++) {
                for (int m = 0; m < WEEKS[shape].length; m++) {
                    WEEKS[shape][m] = shapeValue(shape, monday.plusSeconds(60L * m));
                }
            }
        }

        static double value(String metricId, Instant t) {
            double scale = 50 + Math.floorMod(metricId.hashCode() / 8, 500);
            long minuteOfWeek = Math.floorMod(Math.floorDiv(t.getEpochSecond() - 1795996800L, 60), 7 * 24 * 60);
            return scale * WEEKS[shape(metricId)][(int) minuteOfWeek];
        }

        private static double shapeValue(int shape, Instant t) {
            var z = t.atZone(ZoneOffset.UTC);
            double hour = z.getHour() + z.getMinute() / 60.0;
            double daily = 1 + 0.8 * Math.exp(-Math.pow(hour - (9 + shape), 2) / 6);
            double weekly = z.getDayOfWeek().getValue() >= 6 ? 0.7 : 1.0;
            double noise = 0.05 * Math.sin(t.getEpochSecond() * 0.37 + shape);
            return daily * weekly * (1 + noise);
        }

        @Override
        public List<LoadSample> read(String metricId, Instant from, Instant to) {
            long s = step.getSeconds();
            long first = Math.floorDiv(from.getEpochSecond() + s - 1, s) * s;
            List<LoadSample> out = new ArrayList<>();
            for (long t = first; t < to.getEpochSecond(); t += s) {
                Instant at = Instant.ofEpochSecond(t);
                out.add(new LoadSample(metricId, at, value(metricId, at), "Count", "bench"));
            }
            long hours = Math.max(1, (to.getEpochSecond() - from.getEpochSecond() + 3599) / 3600);
            long bytes = hours * (HOUR_ITEM_OVERHEAD + POINT_BYTES * (3600 / s));
            for (long done = 0; done < bytes; done += 1 << 20) {
                meter.read("dynamodb:Query metrics (samples)", Math.min(bytes - done, 1 << 20));
            }
            return out;
        }

        @Override
        public int append(Collection<LoadSample> samples) {
            throw new UnsupportedOperationException("predict-and-scale does not write samples");
        }

        /** As the adapter: one Query returning the last-pull marker, the digest item and the revision item. */
        @Override
        public Loaded load(String metricId) {
            byte[] digest = digests.get(metricId);
            meter.read(
                    "dynamodb:Query metrics (digest)",
                    digest == null ? 100 : digest.length + DIGEST_ITEM_OVERHEAD + 100);
            return new Loaded(Optional.ofNullable(digest), 0, Optional.empty());
        }

        @Override
        public void save(String metricId, byte[] digest, long revision) {
            meter.write("dynamodb:PutItem metrics (digest)", 1, digest.length + DIGEST_ITEM_OVERHEAD);
            digestBytes = digest.length;
            digests.put(metricId, digest);
        }

        /** Write units of one digest PutItem (1 per started KB of the item). */
        long digestWriteUnits() {
            return (digestBytes + DIGEST_ITEM_OVERHEAD + 1023) / 1024;
        }

        @Override
        public List<Rollup> rollup(String metricId, Instant from, Instant to, Duration resolution) {
            return Rollups.of(read(metricId, from, to), resolution);
        }

        @Override
        public Optional<Instant> lastPulled(String metricId) {
            meter.read("dynamodb:GetItem metrics (pulled)", 100);
            return Optional.empty();
        }

        @Override
        public Optional<Instant> latestTimestamp(String metricId) {
            meter.read("dynamodb:Query metrics", 1000);
            return Optional.empty();
        }
    }

    /** The patterns table: each shape's patterns learned once, read back with one Query per metric. */
    static final class Patterns implements PatternStore {
        private final Meter meter;
        private final Instant now;
        private final Map<Integer, LoadPatterns> byShape = new ConcurrentHashMap<>();

        Patterns(Meter meter, Instant now) {
            this.meter = meter;
            this.now = now;
        }

        @Override
        public void save(String metricId, LoadPatterns patterns, Instant learnedAt) {
            throw new UnsupportedOperationException("predict-and-scale does not learn patterns");
        }

        @Override
        public Optional<LoadPatterns> load(String metricId) {
            meter.read("dynamodb:Query patterns", 8 * 1024);
            return Optional.of(byShape.computeIfAbsent(Metrics.shape(metricId), k -> {
                Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
                List<LoadSample> samples = new ArrayList<>();
                for (Instant t = end.minus(Duration.ofDays(56)); t.isBefore(end); t = t.plus(Duration.ofMinutes(10))) {
                    samples.add(new LoadSample(metricId, t, Metrics.value(metricId, t), "Count", "bench"));
                }
                List<Rollup> hourly = Rollups.of(samples, Duration.ofHours(1));
                return new PatternAnalyzer()
                        .learn(
                                RegularSeries.fromRollups(
                                        hourly, hourly.get(0).start(), end, Duration.ofHours(1), Rollup::mean),
                                ZoneOffset.UTC,
                                List.of());
            }));
        }
    }

    /**
     * The predictions table as {@link io.predictivescaling.scaling.WriteOnChangePredictionStore} uses it, items
     * sized as DynamoDB bills them ({@link ItemSize}): per target and hour's path, one strongly consistent GetItem of
     * the stored path item, and a write of it only when it differs (a new hour, or a changed value). Short horizons
     * are new keys each run and always written. Writes go in BatchWriteItems of 25.
     */
    record Predictions(
            Meter meter,
            Map<String, Map<String, AttributeValue>> stored,
            Archive archive,
            Map<String, Instant> fronts,
            java.util.concurrent.atomic.AtomicLong newIntervals)
            implements PredictionStore {
        Predictions(Meter meter) {
            this(
                    meter,
                    new ConcurrentHashMap<>(),
                    new Archive(),
                    new ConcurrentHashMap<>(),
                    new java.util.concurrent.atomic.AtomicLong());
        }

        /** What was stored under new keys: what score-feedback reads back. */
        record Archive(
                java.util.concurrent.atomic.AtomicLong predictions,
                java.util.concurrent.atomic.AtomicLong shortBytes,
                java.util.concurrent.atomic.AtomicLong pathBytes) {
            Archive() {
                this(
                        new java.util.concurrent.atomic.AtomicLong(),
                        new java.util.concurrent.atomic.AtomicLong(),
                        new java.util.concurrent.atomic.AtomicLong());
            }
        }

        /**
         * Intervals (target, forecast time, resolution) first forecast: score-feedback writes one actual item for
         * each when it matures, however many predictions of it there are. An interval is counted when its forecast
         * time passes the furthest one forecast before at its resolution (the front a run every 5 minutes moves by
         * 5 minutes, the path by an hour at the hour's turn): in steady state every interval behind the front was
         * forecast already by a longer horizon of an earlier run (the 1-hour horizon reaches each 5-minute interval
         * 55 minutes before the 5-minute one does), which the bench's four runs did not all make.
         */
        long intervalCount() {
            return newIntervals.get();
        }

        private void intervals(List<PredictionRecord> records) {
            Map<String, java.util.TreeSet<Instant>> times = new java.util.HashMap<>();
            for (PredictionRecord r : records) {
                times.computeIfAbsent(
                                r.targetId() + "|" + DynamoDbPredictionStore.isFine(r.prediction()),
                                k -> new java.util.TreeSet<>())
                        .add(r.prediction().forecastTime());
            }
            times.forEach((key, at) -> {
                Instant front = fronts.get(key);
                newIntervals.addAndGet(
                        front == null ? at.size() : at.tailSet(front, false).size());
                fronts.merge(key, at.last(), (a, b) -> a.isAfter(b) ? a : b);
            });
        }

        @Override
        public void save(List<PredictionRecord> records) {
            intervals(records);
            List<Long> written = new ArrayList<>();
            for (Map<String, AttributeValue> item : DynamoDbPredictionStore.items(records)) {
                // A stored path item also carries its digest (WriteOnChangePredictionStore): 10 + 64 bytes.
                long bytes = ItemSize.bytes(item) + (PathItem.is(item) ? 74 : 0);
                String key =
                        item.get("targetId").s() + "|" + item.get("forecast").s();
                Map<String, AttributeValue> comparable = new java.util.HashMap<>(item);
                comparable.remove("createdAt");
                boolean path = PathItem.is(item);
                if (path) {
                    Map<String, AttributeValue> before = stored.get(key);
                    long storedBytes = before == null ? 0 : ItemSize.bytes(before);
                    meter.read("dynamodb:GetItem predictions (stored path)", storedBytes);
                    meter.readUnitsExtra(0.5 * Math.max(1, (storedBytes + 4095) / 4096)); // strongly consistent
                    if (comparable.equals(before)) {
                        continue;
                    }
                    if (before == null) {
                        archive.predictions()
                                .addAndGet(item.get(PathItem.HORIZON_HOURS).l().size());
                        archive.pathBytes().addAndGet(bytes);
                    }
                    stored.put(key, comparable);
                } else {
                    archive.predictions().incrementAndGet();
                    archive.shortBytes().addAndGet(bytes);
                }
                written.add(bytes);
            }
            for (int i = 0; i < written.size(); i += 25) {
                meter.batchWrite(
                        "dynamodb:BatchWriteItem predictions", written.subList(i, Math.min(written.size(), i + 25)));
            }
        }
    }

    /** The accuracy table (GetItem per read) with nothing scored yet, and the predictions never read back. */
    record Feedback(Meter meter) implements FeedbackStore {
        @Override
        public List<MaturedPrediction> predictions(String targetId, Instant from, Instant to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordActual(List<MaturedPrediction> scored, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveAccuracy(String targetId, String scope, Accuracy accuracy, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Accuracy> accuracy(String targetId, String scope) {
            meter.read("dynamodb:GetItem accuracy", 400);
            return Optional.empty();
        }

        @Override
        public Map<String, Accuracy> accuracies(String targetId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Double> signalConfidence(String targetId) {
            meter.read("dynamodb:GetItem accuracy", 400);
            return Map.of();
        }

        @Override
        public void saveSignalConfidence(String targetId, Map<String, Double> confidence, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SizingTuner.TunedSizing> sizing(String targetId) {
            meter.read("dynamodb:GetItem accuracy", 400);
            return Optional.empty();
        }

        @Override
        public void saveSizing(String targetId, SizingTuner.TunedSizing sizing) {
            throw new UnsupportedOperationException();
        }
    }

    /** The signals table: one Query per keyword read (the bench's targets have no keywords). */
    record Signals(Meter meter) implements SignalStore {
        @Override
        public void save(Signal signal) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Signal> read(String keyword, Instant from, Instant to) {
            meter.read("dynamodb:Query signals", 1000);
            return List.of();
        }
    }

    /** The events table, scanned once per invocation (a few hundred events fit in one 4 KB unit or two). */
    record Events(Meter meter) implements EventStore {
        @Override
        public boolean addIfNew(KnownEvent event, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<KnownEvent> between(Instant from, Instant to) {
            meter.read("dynamodb:Scan events", 8 * 1024);
            return List.of();
        }
    }
}
