package io.predictivescaling.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of the fleet queue: targets that are planned together, grouped so that every target of a
 * metric is in the same batch (the metric is then read and forecast once). The body is JSON,
 * {@code {"targets": ["checkout-ecs", "orders-reads"], "metrics": 1}}, readable in the SQS console.
 *
 * @param targetIds the targets' keys in the targets table
 * @param metrics how many distinct metrics the targets scale on (for logs)
 */
public record PlanBatch(List<String> targetIds, int metrics) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanBatch {
        targetIds = List.copyOf(targetIds);
    }

    public String toJson() {
        try {
            var body = new java.util.LinkedHashMap<String, Object>();
            body.put("targets", targetIds);
            body.put("metrics", metrics);
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong, for a body that is not a plan batch */
    public static PlanBatch fromJson(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message body is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode targets = node == null ? null : node.get("targets");
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw new IllegalArgumentException(
                    "message body needs a non-empty \"targets\" array of target ids, " + "as the dispatcher sends it");
        }
        List<String> ids = new ArrayList<>();
        targets.forEach(t -> {
            if (!t.isTextual() || t.asText().isBlank()) {
                throw new IllegalArgumentException("\"targets\" must hold target ids (strings), got " + t);
            }
            ids.add(t.asText());
        });
        return new PlanBatch(ids, node.path("metrics").asInt(0));
    }
}
