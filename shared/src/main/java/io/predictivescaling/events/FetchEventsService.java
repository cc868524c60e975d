package io.predictivescaling.events;

import io.predictivescaling.common.EventPublisher;
import io.predictivescaling.common.SourceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fetch-events run: every source is pulled, upcoming events are stored once (deduplicated across
 * sources and runs) and each new one is published as {@code UpcomingEvent}; a pushed {@code ExternalEvent}
 * is stored with the follow-on events its cascade rules predict. A failing source is skipped with its
 * reason and a metric; nothing already stored is touched.
 */
public final class FetchEventsService {
    private final List<EventSource> sources;
    private final EventStore store;
    private final EventPublisher events;
    private final Cascades cascades;

    public FetchEventsService(List<EventSource> sources, EventStore store, EventPublisher events, Cascades cascades) {
        this.sources = List.copyOf(sources);
        this.store = store;
        this.events = events;
        this.cascades = cascades;
    }

    /**
     * @param fetched events the sources gave (occurrences of recurring ones counted one by one)
     * @param failures failed pulls per source (the SourceFailures metric)
     * @param skipped items read but not kept, as {@code source: reason} (e.g. {@code game-news: no-keyword})
     * @param problems failed sources and notes on what was kept (e.g. a date without a zone read as UTC)
     */
    public record Result(
            int fetched,
            List<KnownEvent> added,
            Map<String, Integer> failures,
            Map<String, Integer> skipped,
            List<String> problems) {}

    public Result pull(Instant now) {
        List<KnownEvent> added = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int fetched = 0;
        for (EventSource source : sources) {
            try {
                EventSource.Fetched got = source.fetch(now);
                got.skipped().forEach((reason, n) -> skipped.merge(source.name() + ": " + reason, n, Integer::sum));
                got.notes().forEach(note -> problems.add(source.name() + ": " + note));
                for (KnownEvent e : got.events()) {
                    fetched++;
                    if (!e.end().isAfter(now)) {
                        // e.g. a news item whose event window has passed: read, counted, not stored.
                        skipped.merge(source.name() + ": ended", 1, Integer::sum);
                    } else if (store.addIfNew(e, now)) {
                        added.add(e);
                    }
                }
            } catch (SourceException e) {
                failures.merge(source.name(), 1, Integer::sum);
                problems.add("skipped " + e.getMessage());
            } catch (RuntimeException e) {
                // A source that breaks in an unexpected way (a parser bug, a bad answer) fails only itself.
                failures.merge(source.name(), 1, Integer::sum);
                problems.add("skipped " + source.name() + ": failed: " + e);
            }
        }
        publish(added);
        return new Result(fetched, added, failures, skipped, problems);
    }

    /** A pushed event (e.g. {@code game_server_down} from monitoring) and what it sets off. */
    public Result push(KnownEvent event, Instant now) {
        List<KnownEvent> added = new ArrayList<>();
        for (KnownEvent e : withFollowOns(event)) {
            if (store.addIfNew(e, now)) {
                added.add(e);
            }
        }
        publish(added);
        return new Result(1, added, Map.of(), Map.of(), List.of());
    }

    private List<KnownEvent> withFollowOns(KnownEvent event) {
        List<KnownEvent> all = new ArrayList<>();
        all.add(event);
        all.addAll(cascades.followOns(event));
        return all;
    }

    private void publish(List<KnownEvent> added) {
        if (added.isEmpty()) {
            return;
        }
        List<EventPublisher.Event> upcoming = new ArrayList<>();
        for (KnownEvent e : added) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("eventId", e.id());
            detail.put("type", e.type());
            detail.put("name", e.name());
            detail.put("start", e.start().toString());
            detail.put("end", e.end().toString());
            detail.put("source", e.source());
            upcoming.add(new EventPublisher.Event("UpcomingEvent", detail));
        }
        events.publish(upcoming);
    }
}
