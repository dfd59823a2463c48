package io.daylily.ec.app;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The option tables of the commands; each starts from the global options. */
final class CliOptions {
    private CliOptions() {
    }

    static Options global() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("json").desc("machine output alone on stdout (JSON); text goes to stderr").build());
        o.addOption(Option.builder().longOpt("debug").desc("DEBUG logging, stack traces, and a debug log in the config directory").build());
        o.addOption(Option.builder().longOpt("no-color").desc("no ANSI colour").build());
        o.addOption(Option.builder().longOpt("plugins").hasArg().argName("DIR")
                .desc("also load step/listener jars from DIR (repeatable)").build());
        o.addOption(Option.builder().longOpt("endpoint-url").hasArg().argName("URL")
                .desc("send every AWS call to this endpoint (an AWS-compatible emulator)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("show help").build());
        return o;
    }

    static Options profile(Options o, String desc) {
        o.addOption(Option.builder().longOpt("profile").hasArg().argName("NAME").desc(desc).build());
        return o;
    }

    static Options nonInteractive(Options o, String desc) {
        o.addOption(Option.builder().longOpt("non-interactive").desc(desc).build());
        return o;
    }

    static Options run(boolean create) {
        Options o = global();
        o.addOption(Option.builder().longOpt("region-az").hasArg().argName("AZ").required()
                .desc("availability zone, e.g. us-west-2b (required); the region is the AZ minus its letter").build());
        profile(o, "AWS profile (default: the config's aws_profile, then AWS_PROFILE)");
        o.addOption(Option.builder().longOpt("config").hasArg().argName("PATH")
                .desc("triplet config file (default: DAY_EX_CFG, else the bundled template)").build());
        o.addOption(Option.builder().longOpt("pass-on-warn").desc("warnings do not stop the run").build());
        nonInteractive(o, "never prompt: a value that needs an answer is a FAIL");
        if (create) {
            o.addOption(Option.builder().longOpt("repo-override").hasArg().argName("KEY:REF")
                    .desc("use REF for repository KEY during head-node setup (repeatable)").build());
            o.addOption(Option.builder().longOpt("plan").desc("show what the create would do and cost, change nothing"
                    + " (the same as 'daylily-ec plan')").build());
        }
        return o;
    }

    static Options stepRun() {
        Options o = global();
        o.addOption(Option.builder().longOpt("context").hasArg().argName("FILE").desc("start from a saved context (JSON)").build());
        o.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE").desc("set a context value (repeatable)").build());
        o.addOption(Option.builder().longOpt("pass-on-warn").desc("warnings do not stop the run").build());
        return nonInteractive(o, "never prompt");
    }

    static Options infraNetwork() {
        Options o = global();
        o.addOption(Option.builder().longOpt("region-az").hasArg().argName("AZ").required()
                .desc("availability zone of the network, e.g. us-west-2b").build());
        o.addOption(Option.builder().longOpt("update").desc("update an existing baseline stack from the bundled template"
                + " (default: take its outputs as they are)").build());
        profile(o, "AWS profile (default: AWS_PROFILE)");
        return nonInteractive(o, "never prompt");
    }

    static Options bootstrap(boolean regional) {
        Options o = global();
        o.addOption(Option.builder().longOpt("user").hasArg().argName("NAME").required()
                .desc("the existing IAM user who will create clusters (added to the group)").build());
        o.addOption(Option.builder().longOpt("group").hasArg().argName("NAME")
                .desc("the IAM group the policy is attached to and the user joins (default daylily-ephemeral-cluster)").build());
        o.addOption(Option.builder().longOpt("policy-document").hasArg().argName("FILE")
                .desc("a JSON document replacing the shipped Daylily" + (regional ? "Regional" : "Global") + "EClusterPolicy").build());
        profile(o, "an administrator AWS profile (default: AWS_PROFILE)");
        o.addOption(Option.builder().longOpt("region").hasArg().argName("REGION").required(regional)
                .desc(regional ? "the region whose policy is bootstrapped" : "the region of the AWS endpoints"
                        + " (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1)").build());
        if (regional) {
            o.addOption(Option.builder().longOpt("lambda-policy-document").hasArg().argName("FILE")
                    .desc("a JSON document replacing the shipped DaylilyPClusterLambdaAdjustRoles").build());
        }
        return o;
    }

    static Options spotMarket() {
        Options o = global();
        o.addOption(Option.builder().longOpt("region").hasArg().argName("REGION").required()
                .desc("the region whose AZs are compared, e.g. us-west-2 (required)").build());
        profile(o, "AWS profile (default: the config's aws_profile, then AWS_PROFILE)");
        o.addOption(Option.builder().longOpt("config").hasArg().argName("PATH")
                .desc("triplet config file whose cluster template and max counts are priced (default: DAY_EX_CFG, else the bundled template)").build());
        return o;
    }

    static Options drift() {
        Options o = global();
        o.addOption(Option.builder().longOpt("state-file").hasArg().argName("FILE").required().desc("the state record to check").build());
        return profile(o, "AWS profile (default: the record's, then AWS_PROFILE)");
    }

    static Options delete() {
        Options o = global();
        o.addOption(Option.builder().longOpt("cluster-name").hasArg().argName("NAME").desc("the cluster").build());
        o.addOption(Option.builder().longOpt("region").hasArg().argName("REGION").desc("its region").build());
        o.addOption(Option.builder().longOpt("state-file").hasArg().argName("FILE").desc("take cluster, region, profile from this record").build());
        profile(o, "AWS profile (default: the record's, then AWS_PROFILE)");
        o.addOption(Option.builder().longOpt("yes").desc("no confirmation").build());
        o.addOption(Option.builder().longOpt("dry-run").desc("report what would be deleted; change nothing").build());
        return nonInteractive(o, "never prompt");
    }

    static Options state() {
        Options o = global();
        o.addOption(Option.builder().longOpt("cluster-name").hasArg().argName("NAME").desc("show: the newest create record of this cluster").build());
        o.addOption(Option.builder().longOpt("state-file").hasArg().argName("FILE").desc("show: this record").build());
        o.addOption(Option.builder().longOpt("all").desc("list: every record, not only each cluster's newest").build());
        return o;
    }

    static Options steps() {
        Options o = global();
        o.addOption(Option.builder().longOpt("pipeline").hasArg().argName("NAME").desc("only this pipeline's steps").build());
        return o;
    }
}
