package io.daylily.ec.support.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run's state record ({@code state_<cluster>_<run id>.json}, PARITY §23), written and read by
 * this one type: the runtime's state writer builds it, {@code drift} and {@code delete} read it. The
 * field names are the constants below; {@value #SCHEMA_FIELD} says which version of them a file has
 * (a file without it is version 1, as written before the field existed). A record from a newer
 * daylily-ec is refused rather than half-read.
 *
 * @param fields every field, sorted by name (values are JSON values: text, numbers, lists)
 */
public record StateRecord(SortedMap<String, Object> fields) {
    /** The version of the fields this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_FIELD = "schema_version";

    public static final String RUN_ID = "run_id";
    public static final String CLUSTER_NAME = "cluster_name";
    public static final String REGION = "region";
    public static final String REGION_AZ = "region_az";
    public static final String AWS_PROFILE = "aws_profile";
    public static final String ACCOUNT_ID = "account_id";
    public static final String STATUS = "status";
    public static final String CFN_STACK_NAME = "cfn_stack_name";
    public static final String GLOBAL_BUDGET_NAME = "global_budget_name";
    public static final String CLUSTER_BUDGET_NAME = "cluster_budget_name";
    public static final String HEARTBEAT_EMAIL = "heartbeat_email";
    public static final String HEARTBEAT_TOPIC_ARN = "heartbeat_topic_arn";
    public static final String HEARTBEAT_SCHEDULE_NAME = "heartbeat_schedule_name";
    public static final String HEARTBEAT_ROLE_ARN = "heartbeat_role_arn";
    /** {@code create} or {@code delete}: only runs that create or delete a cluster write records. Absent in older records: a create. */
    public static final String KIND = "kind";
    public static final String KIND_CREATE = "create";
    public static final String KIND_DELETE = "delete";
    /** The run id of the later run of the same cluster that took over an {@code in_progress} record (SIGKILL). */
    public static final String SUPERSEDED_BY = "superseded_by";
    public static final String STATUS_SUPERSEDED = "superseded";
    /** The resources a create run set up; a rerun's record carries those an earlier run of it created. */
    public static final java.util.List<String> RESOURCES = java.util.List.of(CFN_STACK_NAME, GLOBAL_BUDGET_NAME,
            CLUSTER_BUDGET_NAME, HEARTBEAT_TOPIC_ARN, HEARTBEAT_SCHEDULE_NAME, HEARTBEAT_ROLE_ARN);

    public StateRecord {
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields == null ? Map.of() : fields));
    }

    /** A record of these fields, stamped with this code's {@link #SCHEMA_VERSION}. */
    public static StateRecord of(Map<String, Object> fields) {
        SortedMap<String, Object> f = new TreeMap<>(fields);
        f.put(SCHEMA_FIELD, SCHEMA_VERSION);
        return new StateRecord(f);
    }

    /**
     * Reads a record. A missing file and a file that is not a JSON object end the command with
     * {@code unusable} — the exit code PARITY gives the command that reads it ({@code drift} 2, §24;
     * {@code delete} 1, §25); a record from a newer schema is a validation error (exit 1). Each
     * message names the file.
     */
    public static StateRecord read(Path file, ExitCode unusable) {
        if (!Files.isRegularFile(file)) {
            throw new DaylilyException(unusable, "State file not found: " + file);
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new DaylilyException(unusable, "State file " + file + " is not readable JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new DaylilyException(unusable, "State file " + file + " is not a state record (not a JSON object)");
        }
        int version = n.path(SCHEMA_FIELD).asInt(1);
        if (version > SCHEMA_VERSION) {
            throw new DaylilyException(ExitCode.VALIDATION, "State file " + file + " has schema version " + version
                    + ", newer than this daylily-ec reads (" + SCHEMA_VERSION + "); use a newer daylily-ec");
        }
        SortedMap<String, Object> f = new TreeMap<>();
        n.fields().forEachRemaining(e -> f.put(e.getKey(), Json.mapper().convertValue(e.getValue(), Object.class)));
        return new StateRecord(f);
    }

    /** Writes the record atomically (temp file, then rename), mode 0600, sorted keys. */
    public Path write(Path file) {
        return AtomicFiles.writePrivate(file, Json.write(fields));
    }

    /** The field as text; {@code ""} when absent or null. */
    public String text(String field) {
        Object v = fields.get(field);
        return v == null ? "" : String.valueOf(v);
    }

    public int schemaVersion() {
        Object v = fields.get(SCHEMA_FIELD);
        return v instanceof Number n ? n.intValue() : 1;
    }

    public String clusterName() {
        return text(CLUSTER_NAME);
    }

    public String runId() {
        return text(RUN_ID);
    }

    public String status() {
        return text(STATUS);
    }

    /** The region, else the AZ's region (the AZ minus its letter); {@code ""} when the record names neither. */
    public String region() {
        String r = text(REGION);
        if (!r.isEmpty()) {
            return r;
        }
        String az = text(REGION_AZ);
        return az.isEmpty() ? "" : az.substring(0, az.length() - 1);
    }

    /** {@link #KIND_CREATE} or {@link #KIND_DELETE}; a record without the field (older) is a create's. */
    public String kind() {
        String k = text(KIND);
        return k.isEmpty() ? KIND_CREATE : k;
    }

    /** This record with {@code field} set to {@code value}. */
    public StateRecord with(String field, Object value) {
        SortedMap<String, Object> f = new TreeMap<>(fields);
        f.put(field, value);
        return new StateRecord(f);
    }

    public String awsProfile() {
        return text(AWS_PROFILE);
    }

    public String accountId() {
        return text(ACCOUNT_ID);
    }
}
