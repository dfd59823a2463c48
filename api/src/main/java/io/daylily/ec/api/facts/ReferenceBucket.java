package io.daylily.ec.api.facts;

/** The S3 reference bucket preflight selected (name only, e.g. {@code lab-omics-analysis-us-west-2}). */
public record ReferenceBucket(String name) {
    public ReferenceBucket {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("bucket name is empty");
        }
    }

    /** {@code s3://<name>}. */
    public String url() {
        return "s3://" + name;
    }
}
