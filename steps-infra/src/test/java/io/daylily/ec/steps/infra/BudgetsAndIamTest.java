package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.WarningEvent;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetsException;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.CreateNotificationRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetResponse;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** PARITY §13 / §29.14, §5.3, §21.2 / §29.5. */
class BudgetsAndIamTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ TSV

    @Test
    void tsvRows() {
        assertEquals("proj1\tubuntu,user1,user2\n", BudgetTags.merge("", BudgetTags.row("proj1", "user1,user2")));
        assertEquals("old_proj\tubuntu,admin\nnew_proj\tubuntu,dev\n",
                BudgetTags.merge("old_proj\tubuntu,admin\n", BudgetTags.row("new_proj", "dev")));
        assertEquals("p\tubuntu\n", BudgetTags.merge(null, BudgetTags.row("p", "ubuntu")));
        assertEquals("p\tubuntu,alice,bob\n", BudgetTags.merge("", BudgetTags.row("p", "alice,bob")));
        assertEquals("p\tubuntu,alice,bob\n", BudgetTags.merge("", BudgetTags.row("p", " alice , ,bob,alice,ubuntu ")));
        assertEquals("a\tubuntu\np\tubuntu\n", BudgetTags.merge("a\tubuntu\na\tubuntu\np\tubuntu\n", BudgetTags.row("p", "")),
                "duplicates dropped, existing row not repeated");
        assertEquals("a\tubuntu\nb\tubuntu\n", BudgetTags.merge("a\tubuntu", BudgetTags.row("b", "")), "missing final newline");
    }

    // ------------------------------------------------------------------ budgets

    @Test
    void budgetShapeFieldByField() {
        Budget b = BudgetsStep.budget("mybudget", "200", "cl1");
        assertEquals(new BigDecimal("200"), b.budgetLimit().amount());
        assertEquals("USD", b.budgetLimit().unit());
        assertEquals("COST", b.budgetTypeAsString());
        assertEquals("MONTHLY", b.timeUnitAsString());
        assertEquals(null, b.timePeriod());
        assertEquals(Map.of("TagKeyValue", List.of("user:aws-parallelcluster-project$mybudget",
                "user:aws-parallelcluster-clustername$cl1")), b.costFilters());
        var c = b.costTypes();
        assertTrue(c.includeCredit() && c.includeDiscount() && c.includeOtherSubscription() && c.includeRecurring()
                && c.includeRefund() && c.includeSubscription() && c.includeSupport() && c.includeTax() && c.includeUpfront());
        assertFalse(c.useBlended());
        assertEquals("300", BudgetsStep.budget("x", "300", "c").budgetLimit().amount().toPlainString());
        Notification n = BudgetsStep.notification(75);
        assertEquals("GREATER_THAN", n.comparisonOperatorAsString());
        assertEquals("ACTUAL", n.notificationTypeAsString());
        assertEquals(75.0, n.threshold());
        assertEquals("PERCENTAGE", n.thresholdTypeAsString());
        assertEquals("da-us-west-2b-mycluster", BudgetsStep.clusterBudgetName("us-west-2b", "mycluster"));
        assertEquals("da-us-east-1a-cl", BudgetsStep.clusterBudgetName("us-east-1a", "cl"));
        assertEquals(List.of(25.0, 50.0, 75.0, 99.0), BudgetsStep.GLOBAL_THRESHOLDS);
        assertEquals(List.of(75.0), BudgetsStep.CLUSTER_THRESHOLDS);
    }

    /** A Budgets mock with the named budgets existing, each complete (its alerts, each with a@b.com); records creations. */
    static BudgetsClient budgets(Set<String> existing) {
        Map<String, Map<Double, Set<String>>> state = new java.util.LinkedHashMap<>();
        for (String name : existing) {
            Map<Double, Set<String>> alerts = new java.util.TreeMap<>();
            (name.equals("daylily-global") ? BudgetsStep.GLOBAL_THRESHOLDS : BudgetsStep.CLUSTER_THRESHOLDS)
                    .forEach(t -> alerts.put(t, new java.util.LinkedHashSet<>(Set.of("a@b.com"))));
            state.put(name, alerts);
        }
        return budgets(state, existing);
    }

    /**
     * A stateful Budgets fake over {@code state} (budget → alert threshold → subscriber emails): what is created
     * is there for the next call and the next run; {@code names} is kept in step with the budgets that exist.
     */
    static BudgetsClient budgets(Map<String, Map<Double, Set<String>>> state, Set<String> names) {
        BudgetsClient b = SdkMocks.mock(BudgetsClient.class);
        when(b.describeBudget(any(DescribeBudgetRequest.class))).thenAnswer(inv -> {
            DescribeBudgetRequest r = inv.getArgument(0);
            if (state.containsKey(r.budgetName())) {
                return DescribeBudgetResponse.builder().budget(Budget.builder().budgetName(r.budgetName()).build()).build();
            }
            throw NotFoundException.builder().message("not found").build();
        });
        when(b.createBudget(any(CreateBudgetRequest.class))).thenAnswer(inv -> {
            String name = ((CreateBudgetRequest) inv.getArgument(0)).budget().budgetName();
            state.put(name, new java.util.TreeMap<>());
            names.add(name);
            return null;
        });
        when(b.createNotification(any(CreateNotificationRequest.class))).thenAnswer(inv -> {
            CreateNotificationRequest r = inv.getArgument(0);
            Set<String> subs = new java.util.LinkedHashSet<>();
            r.subscribers().forEach(x -> subs.add(x.address()));
            state.get(r.budgetName()).put(r.notification().threshold(), subs);
            return null;
        });
        when(b.createSubscriber(any(software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest.class))).thenAnswer(inv -> {
            software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest r = inv.getArgument(0);
            state.get(r.budgetName()).get(r.notification().threshold()).add(r.subscriber().address());
            return null;
        });
        when(b.describeNotificationsForBudget(any(software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetRequest.class)))
                .thenAnswer(inv -> {
                    String name = ((software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetRequest) inv.getArgument(0))
                            .budgetName();
                    return software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetResponse.builder()
                            .notifications(state.get(name).keySet().stream().map(BudgetsStep::notification).toList()).build();
                });
        when(b.describeSubscribersForNotification(any(software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationRequest.class)))
                .thenAnswer(inv -> {
                    var r = (software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationRequest) inv.getArgument(0);
                    return software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationResponse.builder()
                            .subscribers(state.get(r.budgetName()).get(r.notification().threshold()).stream()
                                    .map(a -> Subscriber.builder().subscriptionType(SubscriptionType.EMAIL).address(a).build()).toList())
                            .build();
                });
        return b;
    }

    static S3Client s3(StringBuilder file) {
        S3Client s3 = mock(S3Client.class);
        when(s3.getObjectAsBytes(any(GetObjectRequest.class))).thenAnswer(inv -> {
            if (file.length() == 0) {
                throw NoSuchKeyException.builder().message("no key").build();
            }
            return ResponseBytes.fromByteArray(GetObjectResponse.builder().build(), file.toString().getBytes(StandardCharsets.UTF_8));
        });
        when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class))).thenAnswer(inv -> {
            RequestBody body = inv.getArgument(1);
            file.setLength(0);
            file.append(new String(body.contentStreamProvider().newStream().readAllBytes(), StandardCharsets.UTF_8));
            return null;
        });
        return s3;
    }

    @Test
    void missingBudgetsAreCreatedWithAlertsAndTagRowsAndASecondRunChangesNothing() {
        Set<String> existing = new HashSet<>();
        BudgetsClient b = budgets(existing);
        StringBuilder tsv = new StringBuilder();
        S3Client s3 = s3(tsv);
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3).build();
        RunContext out = new BudgetsStep().run(Ctx.base(), s);

        ArgumentCaptor<CreateBudgetRequest> created = ArgumentCaptor.forClass(CreateBudgetRequest.class);
        verify(b, times(2)).createBudget(created.capture());
        assertEquals(List.of("daylily-global", "da-us-west-2b-cl1"), created.getAllValues().stream().map(r -> r.budget().budgetName()).toList());
        assertEquals("123456789012", created.getValue().accountId());
        assertEquals(new BigDecimal("300"), created.getAllValues().get(0).budget().budgetLimit().amount());
        ArgumentCaptor<CreateNotificationRequest> alerts = ArgumentCaptor.forClass(CreateNotificationRequest.class);
        verify(b, times(5)).createNotification(alerts.capture());
        assertEquals("a@b.com", alerts.getValue().subscribers().get(0).address());
        assertEquals("EMAIL", alerts.getValue().subscribers().get(0).subscriptionTypeAsString());
        assertEquals("daylily-global\tubuntu\nda-us-west-2b-cl1\tubuntu,alice,bob\n", tsv.toString());
        verify(s3, times(1)).getObjectAsBytes(any(GetObjectRequest.class));
        verify(s3, times(1)).putObject(any(PutObjectRequest.class), any(RequestBody.class));
        assertEquals("daylily-global", out.require(ContextKeys.GLOBAL_BUDGET_NAME));
        assertEquals("da-us-west-2b-cl1", out.require(ContextKeys.CLUSTER_BUDGET_NAME));
        assertEquals("us-east-1", s.aws().targets().get(0).region(), "Budgets answers in us-east-1");

        // second run: both exist with their alerts and rows → no mutating call at all
        BudgetsClient again = budgets(existing);
        S3Client s3b = s3(tsv);
        TestServices s2 = TestServices.builder(dir).aws(BudgetsClient.class, again).aws(S3Client.class, s3b).build();
        new BudgetsStep().run(Ctx.base(), s2);
        verify(again, never()).createBudget(any(CreateBudgetRequest.class));
        verify(again, never()).createNotification(any(CreateNotificationRequest.class));
        verify(again, never()).createSubscriber(any(software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest.class));
        verify(s3b, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
        assertEquals("already_exists", s2.events().check("budget.cluster").details().get("action"));
        assertEquals("already_exists", s2.events().check("budget.global").details().get("action"));
        assertEquals(List.of(), io.daylily.ec.api.AwsChanges.of(Ctx.base()).items());
    }

    /** Issue #17: a rerun after an interrupted one finishes the budgets — alerts, subscribers, tag rows — and nothing more. */
    @Test
    void aRerunCompletesAnInterruptedRunsBudgetsAndNothingElse() {
        // the first run stopped after: the global budget with two of its four alerts, the 75 % alert without its
        // subscriber, the cluster budget without any alert, and no tags-file row for either
        Map<String, Map<Double, Set<String>>> state = new java.util.LinkedHashMap<>();
        Map<Double, Set<String>> global = new java.util.TreeMap<>();
        global.put(25.0, new java.util.LinkedHashSet<>(Set.of("a@b.com")));
        global.put(75.0, new java.util.LinkedHashSet<>());
        state.put("daylily-global", global);
        state.put("da-us-west-2b-cl1", new java.util.TreeMap<>());
        BudgetsClient b = budgets(state, new HashSet<>(state.keySet()));
        StringBuilder tsv = new StringBuilder("older\tubuntu\n");
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3(tsv)).build();
        RunContext out = new BudgetsStep().run(Ctx.base(), s);

        verify(b, never()).createBudget(any(CreateBudgetRequest.class));
        assertEquals(Map.of(25.0, Set.of("a@b.com"), 50.0, Set.of("a@b.com"), 75.0, Set.of("a@b.com"), 99.0, Set.of("a@b.com")),
                state.get("daylily-global"), "the missing alerts made, the missing subscriber added, nothing twice");
        assertEquals(Map.of(75.0, Set.of("a@b.com")), state.get("da-us-west-2b-cl1"));
        verify(b, times(3)).createNotification(any(CreateNotificationRequest.class));
        verify(b, times(1)).createSubscriber(any(software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest.class));
        assertEquals("older\tubuntu\ndaylily-global\tubuntu\nda-us-west-2b-cl1\tubuntu,alice,bob\n", tsv.toString());
        assertEquals("completed", s.events().check("budget.global").details().get("action"));
        assertEquals(2, s.events().check("budget.global").details().get("alerts"));
        assertEquals(1, s.events().check("budget.global").details().get("subscribers_added"));
        assertEquals(List.of("budget daylily-global (completed: 2 alert(s) and 1 subscriber(s) added)",
                "budget da-us-west-2b-cl1 (completed: 1 alert(s) and 0 subscriber(s) added)"),
                io.daylily.ec.api.AwsChanges.of(out).items(), "what the rerun changed is on the record");

        // and a third run finds everything: reads only
        BudgetsClient again = budgets(state, new HashSet<>(state.keySet()));
        S3Client s3c = s3(tsv);
        TestServices s3s = TestServices.builder(dir).aws(BudgetsClient.class, again).aws(S3Client.class, s3c).build();
        new BudgetsStep().run(Ctx.base(), s3s);
        verify(again, never()).createNotification(any(CreateNotificationRequest.class));
        verify(again, never()).createSubscriber(any(software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest.class));
        verify(s3c, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }

    @Test
    void anExistingBudgetKeepsTheRowItHasEvenWithOtherUsers() {
        assertTrue(BudgetTags.hasBudget("daylily-global\tubuntu,carol\n", "daylily-global"));
        assertFalse(BudgetTags.hasBudget("daylily-global-old\tubuntu\n", "daylily-global"), "a name that only starts the same");
        assertFalse(BudgetTags.hasBudget(null, "daylily-global"));
        BudgetsClient b = budgets(new HashSet<>(Set.of("daylily-global", "da-us-west-2b-cl1")));
        StringBuilder tsv = new StringBuilder("daylily-global\tubuntu,carol\nda-us-west-2b-cl1\tubuntu\n");
        S3Client s3 = s3(tsv);
        new BudgetsStep().run(Ctx.base(), TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3).build());
        verify(s3, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
        assertEquals("daylily-global\tubuntu,carol\nda-us-west-2b-cl1\tubuntu\n", tsv.toString());
    }

    @Test
    void onlyTheAlertThisStepMakesCounts() {
        assertTrue(BudgetsStep.sameAlert(BudgetsStep.notification(75), 75.0));
        assertFalse(BudgetsStep.sameAlert(BudgetsStep.notification(75), 75.000001));
        assertFalse(BudgetsStep.sameAlert(BudgetsStep.notification(75).toBuilder().notificationType("FORECASTED").build(), 75.0));
        assertFalse(BudgetsStep.sameAlert(BudgetsStep.notification(75).toBuilder().comparisonOperator("LESS_THAN").build(), 75.0));
        assertFalse(BudgetsStep.sameAlert(BudgetsStep.notification(75).toBuilder().thresholdType("ABSOLUTE_VALUE").build(), 75.0));
        assertTrue(BudgetsStep.sameAlert(BudgetsStep.notification(75).toBuilder().thresholdType((String) null).build(), 75.0),
                "no threshold type is a percentage");
    }

    @Test
    void failingNotificationIsAWarningNotAFailure() {
        BudgetsClient b = budgets(new HashSet<>(Set.of("daylily-global")));
        when(b.createNotification(any(CreateNotificationRequest.class))).thenThrow(BudgetsException.builder().message("x")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("denied").build()).build());
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3(new StringBuilder())).build();
        new BudgetsStep().run(Ctx.base(), s);
        assertEquals(1, s.events().published(WarningEvent.class).size());
        assertEquals(0, s.events().check("budget.cluster").details().get("alerts"));
    }

    /** Neither budget exists; creating the global one works, creating the cluster one fails with {@code code}. */
    private static BudgetsClient globalCreatedThenClusterFails(String code, String message) {
        Map<String, Map<Double, Set<String>>> state = new java.util.LinkedHashMap<>();
        BudgetsClient b = budgets(state, new HashSet<>());
        when(b.createBudget(any(CreateBudgetRequest.class))).thenAnswer(inv -> {
            if (((CreateBudgetRequest) inv.getArgument(0)).budget().budgetName().equals("daylily-global")) {
                state.put("daylily-global", new java.util.TreeMap<>());
                return null;
            }
            throw BudgetsException.builder().message("x").awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode(code).errorMessage(message).build()).build();
        });
        return b;
    }

    @Test
    void aBudgetCreatedBeforeTheNextFailsKeepsItsTagRow() {
        BudgetsClient b = globalCreatedThenClusterFails("AccessDeniedException", "denied");
        StringBuilder tsv = new StringBuilder("older\tubuntu\n");
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3(tsv)).build();
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new BudgetsStep().run(Ctx.base(), s));
        assertTrue(e.getMessage().contains("CreateBudget da-us-west-2b-cl1 failed"), e.getMessage());
        assertEquals("older\tubuntu\ndaylily-global\tubuntu\n", tsv.toString(), "the created budget's row is written");
    }

    @Test
    void aTagsWriteThatFailsAfterABudgetFailureDoesNotHideIt() {
        BudgetsClient b = globalCreatedThenClusterFails("Throttling", "slow down");
        S3Client s3 = s3(new StringBuilder());
        when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class))).thenThrow(S3Exception.builder().message("x")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("no").build()).build());
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3).build();
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new BudgetsStep().run(Ctx.base(), s));
        assertTrue(e.getMessage().contains("CreateBudget da-us-west-2b-cl1 failed: Throttling"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().contains("writing s3://"), e.getSuppressed()[0].getMessage());
    }

    @Test
    void aTagsFileThatCannotBeReadStopsTheStepBeforeAnyBudgetIsCreated() {
        BudgetsClient b = budgets(new HashSet<>());
        S3Client s3 = mock(S3Client.class);
        when(s3.getObjectAsBytes(any(GetObjectRequest.class))).thenThrow(S3Exception.builder().message("x")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("no").build()).build());
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3).build();
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new BudgetsStep().run(Ctx.base(), s));
        assertTrue(e.getMessage().startsWith("reading s3://lab-omics-analysis-us-west-2/"), e.getMessage());
        org.mockito.Mockito.verify(b, org.mockito.Mockito.never()).createBudget(any(CreateBudgetRequest.class));
    }

    @Test
    void createBudgetFailureIsExitTwo() {
        BudgetsClient b = budgets(new HashSet<>());
        when(b.createBudget(any(CreateBudgetRequest.class))).thenThrow(BudgetsException.builder().message("x")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("denied").build()).build());
        TestServices s = TestServices.builder(dir).aws(BudgetsClient.class, b).aws(S3Client.class, s3(new StringBuilder())).build();
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new BudgetsStep().run(Ctx.base(), s));
        assertTrue(e.getMessage().contains("CreateBudget daylily-global failed: AccessDeniedException: denied"), e.getMessage());
        assertTrue(e.getMessage().contains("budgets:ModifyBudget"));
    }

    // ------------------------------------------------------------------ IAM ensurers

    @Test
    void omicsPolicyPresentMakesNoCall() {
        IamClient iam = SdkMocks.mock(IamClient.class);
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new IamEnsureStep().run(Ctx.base().with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(), "arn:x")), s);
        verifyNoInteractions(iam);
        assertEquals("already_exists", s.events().check("infra.pcluster_omics_policy").details().get("action"));
    }

    @Test
    void omicsPolicyAbsentIsCreatedWithTheSpotStatement() throws Exception {
        IamClient iam = SdkMocks.mock(IamClient.class);
        when(iam.createPolicy(any(CreatePolicyRequest.class))).thenReturn(CreatePolicyResponse.builder()
                .policy(Policy.builder().arn("arn:aws:iam::123456789012:policy/pcluster-omics-analysis").build()).build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        RunContext out = new IamEnsureStep().run(Ctx.base(), s);
        ArgumentCaptor<CreatePolicyRequest> req = ArgumentCaptor.forClass(CreatePolicyRequest.class);
        verify(iam).createPolicy(req.capture());
        assertEquals("pcluster-omics-analysis", req.getValue().policyName());
        var doc = io.daylily.ec.api.Json.mapper().readTree(req.getValue().policyDocument());
        assertEquals(1, doc.get("Statement").size());
        assertEquals("iam:CreateServiceLinkedRole", doc.get("Statement").get(0).get("Action").asText());
        assertEquals("spot.amazonaws.com", doc.get("Statement").get(0).get("Condition").get("StringLike").get("iam:AWSServiceName").asText());
        assertEquals("created", s.events().check("infra.pcluster_omics_policy").details().get("action"));
        assertEquals("arn:aws:iam::123456789012:policy/pcluster-omics-analysis", out.require(ContextKeys.IAM_POLICIES).omicsAnalysisArn());

        IamClient exists = SdkMocks.mock(IamClient.class);
        when(exists.createPolicy(any(CreatePolicyRequest.class))).thenThrow(EntityAlreadyExistsException.builder().message("exists").build());
        TestServices s2 = TestServices.builder(dir).aws(IamClient.class, exists).build();
        new IamEnsureStep().run(Ctx.base(), s2);
        assertEquals("already_exists", s2.events().check("infra.pcluster_omics_policy").details().get("action"));

        IamClient denied = SdkMocks.mock(IamClient.class);
        when(denied.createPolicy(any(CreatePolicyRequest.class))).thenThrow(IamException.builder().message("denied")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("denied").build()).build());
        assertEquals(2, assertThrows(AwsOperationException.class,
                () -> new IamEnsureStep().run(Ctx.base(), TestServices.builder(dir).aws(IamClient.class, denied).build())).exitCode().code());
    }

    private static IamClient roles(String... existing) {
        IamClient iam = SdkMocks.mock(IamClient.class);
        Set<String> have = new HashSet<>(List.of(existing));
        when(iam.getRole(any(GetRoleRequest.class))).thenAnswer(inv -> {
            String name = ((GetRoleRequest) inv.getArgument(0)).roleName();
            if (have.contains(name)) {
                return GetRoleResponse.builder().role(Role.builder().arn("arn:aws:iam::123456789012:role/" + name).build()).build();
            }
            throw NoSuchEntityException.builder().message("no role").build();
        });
        when(iam.createRole(any(CreateRoleRequest.class))).thenReturn(CreateRoleResponse.builder()
                .role(Role.builder().arn("arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns").build()).build());
        return iam;
    }

    private RunContext withRole(String configured) {
        RunContext base = Ctx.base();
        return configured == null ? base : base.with(ContextKeys.HEARTBEAT, base.require(ContextKeys.HEARTBEAT).withRole(configured));
    }

    @Test
    void theRoleARunStoppedAfterCreatingGetsItsInlinePolicyAndAWholeOneIsLeftAlone() {
        IamClient half = roles("eventbridge-scheduler-to-sns");
        when(half.getRolePolicy(any(software.amazon.awssdk.services.iam.model.GetRolePolicyRequest.class)))
                .thenThrow(NoSuchEntityException.builder().message("no policy").build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, half).build();
        RunContext out = new SchedulerRoleStep().run(withRole(null), s);
        assertEquals("completed", s.events().check("infra.scheduler_role").details().get("source"));
        verify(half, never()).createRole(any(CreateRoleRequest.class));
        ArgumentCaptor<PutRolePolicyRequest> inline = ArgumentCaptor.forClass(PutRolePolicyRequest.class);
        verify(half).putRolePolicy(inline.capture());
        assertEquals("eventbridge-scheduler-to-sns-inline", inline.getValue().policyName());
        assertEquals(List.of("IAM role eventbridge-scheduler-to-sns (completed: its inline policy eventbridge-scheduler-to-sns-inline added)"),
                io.daylily.ec.api.AwsChanges.of(out).items());

        IamClient whole = roles("eventbridge-scheduler-to-sns");
        when(whole.getRolePolicy(any(software.amazon.awssdk.services.iam.model.GetRolePolicyRequest.class)))
                .thenReturn(software.amazon.awssdk.services.iam.model.GetRolePolicyResponse.builder().build());
        TestServices t = TestServices.builder(dir).aws(IamClient.class, whole).build();
        assertEquals(List.of(), io.daylily.ec.api.AwsChanges.of(new SchedulerRoleStep().run(withRole(null), t)).items());
        verify(whole, never()).putRolePolicy(any(PutRolePolicyRequest.class));
        assertEquals("existing_role:eventbridge-scheduler-to-sns", t.events().check("infra.scheduler_role").details().get("source"));
    }

    @Test
    void schedulerRoleOrder() {
        TestServices pre = TestServices.builder(dir).aws(IamClient.class, roles()).env("DAY_HEARTBEAT_ROLE_ARN", "arn:env").build();
        assertEquals("arn:configured", new SchedulerRoleStep().run(withRole("arn:configured"), pre).require(ContextKeys.HEARTBEAT).schedulerRoleArn());
        assertEquals("preconfigured", pre.events().check("infra.scheduler_role").details().get("source"));

        TestServices env = TestServices.builder(dir).aws(IamClient.class, roles())
                .env("DAYLILY_SCHEDULER_ROLE_ARN", "arn:fourth").env("DAY_HEARTBEAT_ROLE_ARN", "arn:third").build();
        new SchedulerRoleStep().run(withRole(null), env);
        assertEquals("env:DAY_HEARTBEAT_ROLE_ARN", env.events().check("infra.scheduler_role").details().get("source"));

        IamClient second = roles("daylily-eventbridge-scheduler");
        TestServices existing = TestServices.builder(dir).aws(IamClient.class, second).build();
        new SchedulerRoleStep().run(withRole(null), existing);
        assertEquals("existing_role:daylily-eventbridge-scheduler", existing.events().check("infra.scheduler_role").details().get("source"));
        verify(second, never()).createRole(any(CreateRoleRequest.class));

        IamClient none = roles();
        TestServices created = TestServices.builder(dir).aws(IamClient.class, none).build();
        new SchedulerRoleStep().run(withRole(null), created);
        assertEquals("created", created.events().check("infra.scheduler_role").details().get("source"));
        ArgumentCaptor<CreateRoleRequest> role = ArgumentCaptor.forClass(CreateRoleRequest.class);
        verify(none).createRole(role.capture());
        assertTrue(role.getValue().assumeRolePolicyDocument().contains("scheduler.amazonaws.com"));
        ArgumentCaptor<PutRolePolicyRequest> inline = ArgumentCaptor.forClass(PutRolePolicyRequest.class);
        verify(none).putRolePolicy(inline.capture());
        assertEquals("eventbridge-scheduler-to-sns-inline", inline.getValue().policyName());
        assertTrue(inline.getValue().policyDocument().contains("arn:aws:sns:us-west-2:123456789012:daylily-*-heartbeat"));
    }

    @Test
    void heartbeatOffMakesNoIamCall() {
        IamClient iam = SdkMocks.mock(IamClient.class);
        RunContext ctx = Ctx.base().with(ContextKeys.HEARTBEAT, new io.daylily.ec.api.facts.HeartbeatSettings("skip", "", ""));
        new SchedulerRoleStep().run(ctx, TestServices.builder(dir).aws(IamClient.class, iam).build());
        verifyNoInteractions(iam);
    }

    @Test
    void roleThatCannotBeHadIsAWarning() {
        IamClient iam = roles();
        when(iam.createRole(any(CreateRoleRequest.class))).thenThrow(IamException.builder().message("denied")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not allowed").build()).build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        RunContext out = new SchedulerRoleStep().run(withRole(null), s);
        List<WarningEvent> w = new ArrayList<>(s.events().published(WarningEvent.class));
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().contains("heartbeat will be skipped"));
        assertEquals("", out.require(ContextKeys.HEARTBEAT).schedulerRoleArn());
    }
}
