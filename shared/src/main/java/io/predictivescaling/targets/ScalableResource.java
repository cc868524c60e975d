package io.predictivescaling.targets;

import java.util.Set;

/**
 * What Application Auto Scaling scales, e.g. {@code ecs / service/prod/checkout / ecs:service:DesiredCount}.
 * The namespace {@code application} marks an application-side target (rate limits, prefetch, sharding,
 * cache warm-up): the scaler publishes {@code ScalingAction} events for the application instead.
 */
public record ScalableResource(String serviceNamespace, String resourceId, String scalableDimension) {
    public static final String APPLICATION = "application";

    /** The namespaces whose scheduled actions this project writes and tests. */
    static final Set<String> SUPPORTED = Set.of(
            "ecs",
            "dynamodb",
            "lambda",
            "elasticache",
            "rds",
            "sagemaker",
            "custom-resource",
            "comprehend",
            "kafka",
            "cassandra",
            "neptune",
            "ec2",
            "appstream",
            "elasticmapreduce",
            "workspaces",
            APPLICATION);

    public ScalableResource {
        if ("emr".equals(serviceNamespace)) {
            throw new IllegalArgumentException("serviceNamespace 'emr' is not an Application Auto Scaling namespace: "
                    + "EMR instance groups are 'elasticmapreduce' (elasticmapreduce:instancegroup:InstanceCount)");
        }
        if (serviceNamespace == null || !SUPPORTED.contains(serviceNamespace)) {
            throw new IllegalArgumentException(
                    "serviceNamespace '" + serviceNamespace + "' is not one of " + new java.util.TreeSet<>(SUPPORTED));
        }
        if (resourceId == null || resourceId.isBlank()) {
            throw new IllegalArgumentException("resourceId is missing");
        }
        if (!APPLICATION.equals(serviceNamespace)
                && (scalableDimension == null || !scalableDimension.startsWith(serviceNamespace + ":"))) {
            throw new IllegalArgumentException("scalableDimension '" + scalableDimension + "' does not belong to "
                    + serviceNamespace + " (e.g. ecs:service:DesiredCount)");
        }
    }

    public boolean applicationSide() {
        return APPLICATION.equals(serviceNamespace);
    }

    @Override
    public String toString() {
        return serviceNamespace + "/" + resourceId + (scalableDimension == null ? "" : "/" + scalableDimension);
    }
}
