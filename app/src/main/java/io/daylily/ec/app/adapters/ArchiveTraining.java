package io.daylily.ec.app.adapters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.daylily.ec.api.AwsTarget;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/**
 * The launcher's training run ({@code __warm}, issue #19): besides building every client type, it makes
 * the read calls a preflight and a create make — through the run's own client set-up
 * ({@link SdkAwsClients}: retries, timeouts, the mutation guard, the URL-connection HTTP client) — against
 * a server of its own on the loopback interface that answers each wire protocol with an empty result. So
 * the start-up archive holds the request path too (marshalling, signing, HTTP, unmarshalling: ~2,600
 * classes a real run otherwise loads from the jar), and nothing leaves the machine: the endpoint is
 * 127.0.0.1, the credentials are made up, and every failure is ignored (the training only loads classes).
 */
final class ArchiveTraining {
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

    private ArchiveTraining() {
    }

    /** Runs the calls; returns how many answered. Never throws. */
    static int run() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        server.createContext("/", ArchiveTraining::answer);
        server.start();
        int ok = 0;
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (SdkAwsClients aws = new SdkAwsClients(endpoint, Map.of("AWS_ENDPOINT_URL", endpoint.toString()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTRAINING", "training-only")))) {
            aws.readOnly(true);
            DefaultCredentialsProvider.builder().build().close(); // the chain a real run resolves from
            AwsTarget t = new AwsTarget(null, "us-west-2");
            List<Consumer<SdkAwsClients>> calls = new ArrayList<>();
            calls.add(c -> c.get(StsClient.class, t).getCallerIdentity(GetCallerIdentityRequest.builder().build()));
            calls.add(c -> c.get(IamClient.class, t).listAttachedUserPoliciesPaginator(ListAttachedUserPoliciesRequest.builder()
                    .userName("training").build()).stream().count());
            calls.add(c -> c.get(IamClient.class, t).listGroupsForUserPaginator(ListGroupsForUserRequest.builder()
                    .userName("training").build()).stream().count());
            calls.add(c -> c.get(IamClient.class, t).listPoliciesPaginator(ListPoliciesRequest.builder().build()).stream().count());
            calls.add(c -> c.get(ServiceQuotasClient.class, t).getServiceQuota(GetServiceQuotaRequest.builder()
                    .serviceCode("ec2").quotaCode("L-1216C47A").build()));
            calls.add(c -> c.get(S3Client.class, t).listBuckets(ListBucketsRequest.builder().bucketRegion("us-west-2").build()));
            calls.add(c -> c.get(S3Client.class, t).getBucketLocation(GetBucketLocationRequest.builder().bucket("training").build()));
            calls.add(c -> c.get(S3Client.class, t).getObjectAsBytes(GetObjectRequest.builder().bucket("training").key("k").build()));
            calls.add(c -> c.get(Ec2Client.class, t).describeKeyPairs(DescribeKeyPairsRequest.builder().build()));
            calls.add(c -> c.get(Ec2Client.class, t).describeSubnetsPaginator(DescribeSubnetsRequest.builder().build()).stream().count());
            calls.add(c -> c.get(Ec2Client.class, t).describeInstanceTypeOfferingsPaginator(DescribeInstanceTypeOfferingsRequest
                    .builder().build()).stream().count());
            calls.add(c -> c.get(Ec2Client.class, t).describeSpotPriceHistoryPaginator(DescribeSpotPriceHistoryRequest.builder()
                    .build()).stream().count());
            calls.add(c -> c.get(CloudFormationClient.class, t).describeStacks(DescribeStacksRequest.builder().stackName("training")
                    .build()));
            calls.add(c -> c.get(BudgetsClient.class, t).describeBudget(DescribeBudgetRequest.builder().accountId("000000000000")
                    .budgetName("training").build()));
            for (Consumer<SdkAwsClients> call : calls) {
                try {
                    call.accept(aws);
                    ok++;
                } catch (RuntimeException | LinkageError e) {
                    // only classes are wanted: an answer the SDK does not like loads its error path, which is fine too
                }
            }
        } finally {
            server.stop(0);
        }
        return ok;
    }

    /** An empty, well-formed answer in the protocol the request speaks. */
    private static void answer(HttpExchange x) throws IOException {
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String type;
        String out;
        Matcher m = ACTION.matcher(body);
        if (x.getRequestHeaders().containsKey("X-Amz-Target")) {
            type = "application/x-amz-json-1.1";
            out = "{}";
        } else if (m.find()) {
            String action = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            type = "text/xml";
            out = "<" + action + "Response><" + action + "Result></" + action + "Result><ResponseMetadata><RequestId>t</RequestId>"
                    + "</ResponseMetadata></" + action + "Response>";
        } else if (x.getRequestURI().getPath().equals("/")) {
            type = "application/xml";
            out = "<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>";
        } else if (x.getRequestURI().getRawQuery() != null && x.getRequestURI().getRawQuery().contains("location")) {
            type = "application/xml";
            out = "<LocationConstraint>us-west-2</LocationConstraint>";
        } else {
            type = "application/octet-stream";
            out = "training";
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.getResponseHeaders().add("x-amzn-RequestId", "training");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
