package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * template.yaml as SAM expands it (what {@code sam deploy} would create), as JSON: worked out once per test JVM by
 * the SAM transform ({@code cli/src/test/python/sam_transform.py}, Python's samtranslator) and shared by the tests
 * that read it.
 */
final class ExpandedTemplate {
    private static JsonNode template;

    private ExpandedTemplate() {}

    /** The expanded template's root (Resources, Parameters, ...); fails the test if the transform fails. */
    static synchronized JsonNode get() throws Exception {
        if (template == null) {
            Path out = Files.createTempFile("template-expanded", ".json");
            TemplateDeployIT.Result transform = TemplateDeployIT.run(
                    "python3", "cli/src/test/python/sam_transform.py", "template.yaml", out.toString(), "code-bucket");
            assertThat(transform.exitCode())
                    .as("SAM transform: " + transform.output())
                    .isZero();
            template = new ObjectMapper().readTree(out.toFile());
        }
        return template;
    }
}
