package io.predictivescaling.targets;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The port to the configured scalable targets. */
public interface TargetRepository {

    /**
     * All targets that are configured well enough to use. Items that cannot be read are reported through
     * {@link Loaded#problems()} rather than failing the whole run.
     */
    Loaded loadAll();

    /**
     * The targets with the given ids (a batch of the fleet queue). An id that is not in the table is reported
     * in {@link Loaded#problems()}; the default filters {@link #loadAll()}, adapters read by key.
     */
    default Loaded load(Collection<String> targetIds) {
        Set<String> wanted = new HashSet<>(targetIds);
        Loaded all = loadAll();
        List<ScalableTarget> found = all.targets().stream()
                .filter(t -> wanted.contains(t.targetId()))
                .toList();
        List<String> problems = new java.util.ArrayList<>(all.problems().stream()
                .filter(p -> wanted.stream().anyMatch(id -> p.startsWith("target " + id + " ")))
                .toList());
        Set<String> seen = new HashSet<>();
        found.forEach(t -> seen.add(t.targetId()));
        wanted.stream()
                .filter(id ->
                        !seen.contains(id) && problems.stream().noneMatch(p -> p.startsWith("target " + id + " ")))
                .sorted()
                .forEach(id -> problems.add(missing(id)));
        return new Loaded(found, problems);
    }

    /** The problem reported for a dispatched id that is no longer in the table. */
    static String missing(String targetId) {
        return "target " + targetId + " skipped: no longer in the targets table (deleted since it was dispatched)";
    }

    /** @param problems one message per unusable item, naming the item and what is wrong */
    record Loaded(List<ScalableTarget> targets, List<String> problems) {}
}
