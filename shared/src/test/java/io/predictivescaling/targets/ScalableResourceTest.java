package io.predictivescaling.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Namespaces as Application Auto Scaling spells them: EMR is {@code elasticmapreduce}, not {@code emr}. */
class ScalableResourceTest {
    @Test
    void anEmrInstanceGroupIsScaledUnderElasticmapreduce() {
        ScalableResource group = new ScalableResource(
                "elasticmapreduce",
                "instancegroup/j-2EEZNYKUA1NTV/ig-1791Y4E1L8YI0",
                "elasticmapreduce:instancegroup:InstanceCount");

        assertThat(group.applicationSide()).isFalse();
        assertThat(group.toString()).startsWith("elasticmapreduce/instancegroup/");
    }

    @Test
    void emrIsRejectedWithTheNameToUse() {
        assertThatThrownBy(
                        () -> new ScalableResource("emr", "instancegroup/j-1/ig-1", "emr:instancegroup:InstanceCount"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'emr' is not an Application Auto Scaling namespace")
                .hasMessageContaining("'elasticmapreduce'");
    }
}
