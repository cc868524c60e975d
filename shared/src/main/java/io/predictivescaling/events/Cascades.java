package io.predictivescaling.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cascade rules: one detected event predicts follow-on load, e.g. {@code game_server_down} ⇒ a traffic
 * spike after 1 minute, a support-channel flood after 2, status-command spam after 3. Configured as JSON
 * (EVENT_CASCADES): {@code {"game_server_down": [{"after": "PT1M", "type": "traffic_spike", "impact": 0.8,
 * "duration": "PT30M"}, ...]}}.
 */
public final class Cascades {
    public record FollowOn(Duration after, String type, double impact, Duration duration) {}

    private final Map<String, List<FollowOn>> rules;

    public Cascades(Map<String, List<FollowOn>> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static Cascades fromJson(String json) {
        if (json == null || json.isBlank()) {
            return new Cascades(Map.of());
        }
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            Map<String, List<FollowOn>> rules = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> {
                List<FollowOn> list = new ArrayList<>();
                e.getValue()
                        .forEach(f -> list.add(new FollowOn(
                                Duration.parse(f.path("after").asText("PT0S")),
                                f.path("type").asText(),
                                f.path("impact").asDouble(0),
                                Duration.parse(f.path("duration").asText("PT30M")))));
                rules.put(e.getKey(), list);
            });
            return new Cascades(rules);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("EVENT_CASCADES is not valid cascade JSON: " + e.getMessage(), e);
        }
    }

    /** The follow-on events one event sets off (none when no rule names its type). */
    public List<KnownEvent> followOns(KnownEvent trigger) {
        List<KnownEvent> out = new ArrayList<>();
        for (FollowOn f : rules.getOrDefault(trigger.type(), List.of())) {
            out.add(new KnownEvent(
                    f.type(),
                    f.type() + " after " + trigger.name(),
                    trigger.start().plus(f.after()),
                    trigger.start().plus(f.after()).plus(f.duration()),
                    "cascade:" + trigger.type(),
                    f.impact()));
        }
        return out;
    }
}
