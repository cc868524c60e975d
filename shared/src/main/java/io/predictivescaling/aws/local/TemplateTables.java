package io.predictivescaling.aws.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates tables exactly as template.yaml defines them (keys, billing, TTL), so the code is always tested
 * against the schema that ships. Used by the tests and by the command-line runner's local mode.
 */
public final class TemplateTables {
    private static JsonNode resources;

    private TemplateTables() {}

    /** @param logicalId the table's logical id in template.yaml, e.g. {@code MetricsTable} */
    public static String create(DynamoDbClient dynamo, String logicalId) {
        return create(
                dynamo,
                logicalId,
                logicalId + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Creates the table under {@code name} unless a table of that name exists already, also when another run creates
     * it at the same moment ({@code invoke --local} twice, the demo beside a benchmark): the create is tried and
     * "already exists" taken as done, rather than looking first (which also missed tables past ListTables' first
     * page of 100).
     */
    public static String create(DynamoDbClient dynamo, String logicalId, String name) {
        JsonNode table = resources().path(logicalId);
        if (!"AWS::DynamoDB::Table".equals(table.path("Type").asText())) {
            throw new IllegalArgumentException(logicalId + " is not a table in template.yaml");
        }
        JsonNode props = table.path("Properties");
        List<AttributeDefinition> attributes = new ArrayList<>();
        props.path("AttributeDefinitions")
                .forEach(a -> attributes.add(AttributeDefinition.builder()
                        .attributeName(a.path("AttributeName").asText())
                        .attributeType(a.path("AttributeType").asText())
                        .build()));
        List<KeySchemaElement> keys = new ArrayList<>();
        props.path("KeySchema")
                .forEach(k -> keys.add(KeySchemaElement.builder()
                        .attributeName(k.path("AttributeName").asText())
                        .keyType(k.path("KeyType").asText())
                        .build()));
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(name)
                    .attributeDefinitions(attributes)
                    .keySchema(keys)
                    .billingMode(BillingMode.fromValue(props.path("BillingMode").asText("PAY_PER_REQUEST")))
                    .build());
        } catch (ResourceInUseException exists) {
            return name; // whoever created it sets its time to live
        }
        JsonNode ttl = props.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            dynamo.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(s ->
                            s.attributeName(ttl.path("AttributeName").asText()).enabled(true)));
        }
        return name;
    }

    private static synchronized JsonNode resources() {
        if (resources == null) {
            try {
                // CloudFormation tags (!Ref, !GetAtt, !Sub) are read as plain values: tables need none.
                resources = new ObjectMapper(new YAMLFactory())
                        .readTree(ProjectRoot.resolve("template.yaml").toFile())
                        .path("Resources");
            } catch (IOException e) {
                throw new IllegalStateException("cannot read template.yaml", e);
            }
        }
        return resources;
    }
}
