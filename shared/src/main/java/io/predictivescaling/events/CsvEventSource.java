package io.predictivescaling.events;

import io.predictivescaling.common.HttpFeeds;
import io.predictivescaling.common.SourceException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A calendar kept as CSV at a URL ({@code start,end,type,name[,expectedImpact]}, the layout the backtest's
 * {@code --events} takes), so the same file drives the backtest and fetch-events. Events that ended are
 * counted as skipped.
 */
public final class CsvEventSource implements EventSource {
    private final String name;
    private final URI url;
    private final Duration timeout;

    public CsvEventSource(String name, URI url, Duration timeout) {
        this.name = name;
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Fetched fetch(Instant now) {
        String text = HttpFeeds.get(name, url, timeout);
        List<KnownEvent> all;
        try {
            all = EventsCsv.parse(url.toString(), name, text.lines().toList());
        } catch (IllegalArgumentException e) {
            throw new SourceException(name, "malformed", e.getMessage(), e);
        }
        List<KnownEvent> upcoming = new ArrayList<>();
        for (KnownEvent e : all) {
            if (e.end().isAfter(now)) {
                upcoming.add(e);
            }
        }
        int ended = all.size() - upcoming.size();
        return new Fetched(upcoming, ended == 0 ? Map.of() : Map.of("ended", ended), List.of());
    }
}
