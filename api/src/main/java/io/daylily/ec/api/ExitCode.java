package io.daylily.ec.api;

/**
 * The process exit codes of every daylily-ec command. The numbers are a public contract:
 * scripts and CI pipelines branch on them.
 */
public enum ExitCode {
    /** The command did what was asked (also {@code --help} and a {@code DAY_BREAK=1} stop). */
    OK(0),
    /** Bad input or a failed check: config, flags, quotas, IAM, bucket, key pair; a user "exit" at a prompt. */
    VALIDATION(1),
    /** An AWS operation failed (CloudFormation, IAM, Budgets, SNS, Scheduler, {@code pcluster}). */
    AWS(2),
    /** {@code drift} found a difference between the state file and AWS. */
    DRIFT(3),
    /** A required program is missing or unusable ({@code pcluster}, {@code node}, {@code git}, …). */
    TOOLCHAIN(4),
    /** Stopped by SIGINT (Ctrl-C): 128 + 2, as a shell reports it. The report and state say so. */
    INTERRUPTED(130),
    /** Stopped by SIGTERM: 128 + 15. The report and state say so. */
    TERMINATED(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The integer the process exits with. */
    public int code() {
        return code;
    }
}
