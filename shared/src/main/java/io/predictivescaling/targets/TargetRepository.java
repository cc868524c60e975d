package io.predictivescaling.targets;

import java.util.List;

/** The port to the configured scalable targets. */
public interface TargetRepository {

    /**
     * All targets that are configured well enough to use. Items that cannot be read are reported through
     * {@link Loaded#problems()} rather than failing the whole run.
     */
    Loaded loadAll();

    /** @param problems one message per unusable item, naming the item and what is wrong */
    record Loaded(List<ScalableTarget> targets, List<String> problems) {
    }
}
