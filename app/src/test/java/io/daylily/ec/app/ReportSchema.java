package io.daylily.ec.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.daylily.ec.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The published schema of the preflight report ({@code docs/preflight-report.schema.json}). */
public final class ReportSchema {
    private ReportSchema() {
    }

    /** Schema violations of {@code report}; empty when it conforms. */
    public static List<String> violations(JsonNode report) throws Exception {
        JsonNode schemaNode = Json.mapper().readTree(Files.readString(Path.of("../docs/preflight-report.schema.json")));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
        return schema.validate(report).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
