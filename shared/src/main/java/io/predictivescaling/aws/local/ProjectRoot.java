package io.predictivescaling.aws.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (where template.yaml and events/ live), whichever module's tests are running. */
public final class ProjectRoot {
    private ProjectRoot() {}

    public static Path get() {
        String configured = System.getProperty("project.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "cannot find template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path resolve(String relative) {
        return get().resolve(relative);
    }
}
