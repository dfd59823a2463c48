package io.daylily.ec.steps.infra;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.AwsTarget;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.CostTypes;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.CreateNotificationRequest;
import software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationRequest;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * {@code policy.budgets} (PARITY §13, DECISIONS #12, #13): the account budget {@code daylily-global}
 * (alerts at 25/50/75/99 %) and the cluster budget {@code da-<AZ>-<cluster>} (75 %), ensured piece by
 * piece (issue #17): a missing budget is created with its alerts; an existing one gets only what it lacks —
 * an alert, an alert's email subscriber — and is never otherwise modified; each budget has its row in the
 * budget-tags TSV in the reference bucket (read, merge, write once per run). Before the cluster is created; a failure is exit 2 before any
 * {@code pcluster} call. A failed notification is a warning.
 */
public final class BudgetsStep implements ResourceStep<BudgetsStep.Decision> {
    static final String GLOBAL = "daylily-global";
    static final List<Double> GLOBAL_THRESHOLDS = List.of(25.0, 50.0, 75.0, 99.0);
    static final List<Double> CLUSTER_THRESHOLDS = List.of(75.0);

    @Override
    public String id() {
        return "policy.budgets";
    }

    @Override
    public int order() {
        // after a successful dry run and before the real create (DECISIONS #12): a dry run that
        // fails, or DAY_BREAK=1, leaves no budget behind
        return Order.PCLUSTER + 25;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "ensure the daylily-global and cluster budgets, alerts and budget-tags file";
    }

    static String clusterBudgetName(String az, String cluster) {
        return "da-" + az + "-" + cluster;
    }

    /** The budget exactly as PARITY §13.2 describes it. */
    static Budget budget(String name, String amount, String cluster) {
        return Budget.builder()
                .budgetName(name)
                .budgetLimit(Spend.builder().amount(new java.math.BigDecimal(amount)).unit("USD").build())
                .budgetType(BudgetType.COST)
                .timeUnit(TimeUnit.MONTHLY)
                .costFilters(Map.of("TagKeyValue", List.of("user:aws-parallelcluster-project$" + name,
                        "user:aws-parallelcluster-clustername$" + cluster)))
                .costTypes(CostTypes.builder().includeCredit(true).includeDiscount(true).includeOtherSubscription(true)
                        .includeRecurring(true).includeRefund(true).includeSubscription(true).includeSupport(true)
                        .includeTax(true).includeUpfront(true).useBlended(false).build())
                .build();
    }

    static Notification notification(double threshold) {
        return Notification.builder().notificationType(NotificationType.ACTUAL)
                .comparisonOperator(ComparisonOperator.GREATER_THAN).threshold(threshold)
                .thresholdType(ThresholdType.PERCENTAGE).build();
    }

    /** Both budgets as found (in the order they are ensured), and the budget-tags file now and with their rows merged. */
    record Decision(List<Found> budgets, String email, String tagsUrl, String tagsNow, String tagsMerged) {
    }

    /** One budget: what the config asks for and what exists. */
    record Found(Spec spec, BudgetState state) {
    }

    @Override
    public Decision inspect(RunContext ctx, StepServices s) {
        String account = ctx.require(ContextKeys.ACCOUNT_ID);
        String email = ctx.require(ContextKeys.VALUES).getOrEmpty(ConfigKeys.BUDGET_EMAIL);
        BudgetsClient budgets = client(ctx, s);
        List<Found> found = new ArrayList<>();
        List<TagRow> rows = new ArrayList<>();
        for (Spec b : specs(ctx)) {
            BudgetState st = inspect(budgets, account, b.name(), b.thresholds(), email);
            found.add(new Found(b, st));
            rows.add(new TagRow(b.name(), BudgetTags.row(b.name(), b.users()), !st.existed()));
        }
        String bucket = ctx.require(ContextKeys.REFERENCE_BUCKET).name();
        String[] file = tags(s.aws().get(S3Client.class, ctx), bucket, rows);
        return new Decision(found, email, "s3://" + bucket + "/" + BudgetTags.KEY, file[0], file[1]);
    }

    @Override
    public List<PlannedChange> describe(Decision d) {
        List<PlannedChange> out = new ArrayList<>();
        for (Found f : d.budgets()) {
            BudgetState st = f.state();
            if (!st.existed()) {
                out.add(PlannedChange.of("budget", st.name(), Action.CREATE).with("amount_usd", f.spec().amount())
                        .with("alerts_percent", f.spec().thresholds()).with("alert_email", d.email()));
            } else if (st.missing().isEmpty() && st.unsubscribed().isEmpty()) {
                out.add(PlannedChange.of("budget", st.name(), Action.REUSE));
            } else {
                out.add(PlannedChange.of("budget", st.name(), Action.UPDATE).with("alerts_added_percent", st.missing())
                        .with("subscribers_added_percent", st.unsubscribed().stream().map(Notification::threshold).toList()));
            }
        }
        if (d.tagsNow().equals(d.tagsMerged())) {
            out.add(PlannedChange.of("budget-tags file", d.tagsUrl(), Action.REUSE));
        } else {
            List<String> before = d.tagsNow().lines().toList();
            out.add(PlannedChange.of("budget-tags file", d.tagsUrl(), d.tagsNow().isEmpty() ? Action.CREATE : Action.UPDATE)
                    .with("rows", d.tagsMerged().lines().filter(l -> !before.contains(l)).toList()));
        }
        return out;
    }

    @Override
    public RunContext apply(Decision decision, RunContext ctx, StepServices s) {
        String account = ctx.require(ContextKeys.ACCOUNT_ID);
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        BudgetsClient budgets = client(ctx, s);
        // The tags rows of the budgets created go into the TSV in one read-modify-write (not one per
        // budget: no request repeated within a run); a budget created before a failure keeps its row.
        List<TagRow> rows = new ArrayList<>();
        RunContext out = ctx;
        try {
            for (Found f : decision.budgets()) {
                out = ensure(out, s, budgets, account, f, decision.email(), cluster, rows);
            }
        } catch (RuntimeException e) {
            try {
                updateTags(ctx, s, rows, decision.tagsNow());
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        updateTags(out, s, rows, decision.tagsNow());
        return out;
    }

    /** One of the two budgets: its name, amount, alert thresholds, tags-file users and the context key that names it. */
    record Spec(String name, String amount, List<Double> thresholds, String users, ContextKey<String> key) {
    }

    /** The account budget, then the cluster's, as the config and the AZ name them. */
    static List<Spec> specs(RunContext ctx) {
        ConfigValues v = ctx.require(ContextKeys.VALUES);
        return List.of(new Spec(GLOBAL, v.getOrEmpty(ConfigKeys.GLOBAL_BUDGET_AMOUNT), GLOBAL_THRESHOLDS,
                        v.getOrEmpty(ConfigKeys.GLOBAL_ALLOWED_BUDGET_USERS), ContextKeys.GLOBAL_BUDGET_NAME),
                new Spec(clusterBudgetName(ctx.require(ContextKeys.REGION_AZ), ctx.require(ContextKeys.CLUSTER_NAME)),
                        v.getOrEmpty(ConfigKeys.BUDGET_AMOUNT), CLUSTER_THRESHOLDS, v.getOrEmpty(ConfigKeys.ALLOWED_BUDGET_USERS),
                        ContextKeys.CLUSTER_BUDGET_NAME));
    }

    /** Budgets is a global service answered in us-east-1. */
    static BudgetsClient client(RunContext ctx, StepServices s) {
        return s.aws().get(BudgetsClient.class, new AwsTarget(ctx.get(ContextKeys.AWS_PROFILE).orElse(null), "us-east-1"));
    }

    /** A tags-file row to ensure: a created budget's row is merged; an existing budget's only when it has none. */
    record TagRow(String budget, String row, boolean created) {
    }

    /**
     * A budget as this step finds it, from read requests only: whether it exists, the alerts it lacks, and
     * its alerts without {@code email} as a subscriber. The create acts on exactly this; {@code plan} shows it.
     */
    record BudgetState(String name, boolean existed, List<Double> missing, List<Notification> unsubscribed) {
        BudgetState {
            missing = List.copyOf(missing);
            unsubscribed = List.copyOf(unsubscribed);
        }
    }

    static BudgetState inspect(BudgetsClient budgets, String account, String name, List<Double> thresholds, String email) {
        if (!exists(budgets, account, name)) {
            return new BudgetState(name, false, thresholds, List.of());
        }
        List<Double> missing = new ArrayList<>(thresholds);
        List<Notification> unsubscribed = new ArrayList<>();
        List<Notification> present = alerts(budgets, account, name);
        for (double t : thresholds) {
            Optional<Notification> n = present.stream().filter(x -> sameAlert(x, t)).findFirst();
            if (n.isPresent()) {
                missing.remove(t);
                if (!subscribed(budgets, account, name, n.get(), email)) {
                    unsubscribed.add(n.get());
                }
            }
        }
        return new BudgetState(name, true, missing, unsubscribed);
    }

    private RunContext ensure(RunContext ctx, StepServices s, BudgetsClient budgets, String account, Found found, String email,
                              String cluster, List<TagRow> tagRows) {
        Spec spec = found.spec();
        String name = spec.name();
        String amount = spec.amount();
        ContextKey<String> key = spec.key();
        String checkId = key == ContextKeys.GLOBAL_BUDGET_NAME ? "budget.global" : "budget.cluster";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("budget", name);
        BudgetState state = found.state();
        boolean existed = state.existed();
        RunContext out = ctx.with(key, name);
        List<Double> missing = state.missing();
        int subscribersAdded = 0;
        if (!existed) {
            s.events().publish(new io.daylily.ec.api.event.ResourceTouched(key.name(), name));
            try {
                budgets.createBudget(CreateBudgetRequest.builder().accountId(account).budget(budget(name, amount, cluster)).build());
            } catch (AwsServiceException e) {
                throw new AwsOperationException("CreateBudget " + name + " failed: " + AwsErrors.text(e)
                        + " (grant budgets:ModifyBudget, or create the budget by hand)", e);
            }
            out = io.daylily.ec.api.AwsChanges.record(out, "budget " + name + " (created)");
        } else {
            // a rerun finishes what an interrupted run left: the missing alerts, and the subscriber of each alert
            for (Notification n : state.unsubscribed()) {
                if (subscribe(s, budgets, account, name, n, email)) {
                    subscribersAdded++;
                }
            }
        }
        int alerts = 0;
        for (double t : missing) {
            try {
                budgets.createNotification(CreateNotificationRequest.builder().accountId(account).budgetName(name)
                        .notification(notification(t))
                        .subscribers(Subscriber.builder().subscriptionType(SubscriptionType.EMAIL).address(email).build())
                        .build());
                alerts++;
            } catch (AwsServiceException e) {
                s.events().warn(id(), "alert at " + t + "% for budget " + name + " not created: " + AwsErrors.text(e));
            }
        }
        tagRows.add(new TagRow(name, BudgetTags.row(name, spec.users()), !existed));
        if (existed && alerts + subscribersAdded > 0) {
            out = io.daylily.ec.api.AwsChanges.record(out, "budget " + name + " (completed: " + alerts + " alert(s) and "
                    + subscribersAdded + " subscriber(s) added)");
        }
        d.put("action", !existed ? "created" : alerts + subscribersAdded > 0 ? "completed" : "already_exists");
        if (!existed) {
            d.put("amount", amount);
        }
        d.put("alerts", alerts);
        if (existed) {
            d.put("subscribers_added", subscribersAdded);
        }
        s.events().check(CheckResult.pass(checkId, d));
        return out;
    }

    /** Whether {@code n} is the alert this step makes at {@code threshold} % (actual spend, greater than, a percentage). */
    static boolean sameAlert(Notification n, double threshold) {
        return n.notificationType() == NotificationType.ACTUAL && n.comparisonOperator() == ComparisonOperator.GREATER_THAN
                && (n.thresholdType() == null || n.thresholdType() == ThresholdType.PERCENTAGE)
                && n.threshold() != null && Math.abs(n.threshold() - threshold) < 1e-9;
    }

    static List<Notification> alerts(BudgetsClient budgets, String account, String name) {
        try {
            return budgets.describeNotificationsForBudgetPaginator(DescribeNotificationsForBudgetRequest.builder()
                    .accountId(account).budgetName(name).build()).notifications().stream().toList();
        } catch (NotFoundException e) {
            return List.of(); // the budget has no notifications
        } catch (AwsServiceException e) {
            throw new AwsOperationException("DescribeNotificationsForBudget " + name + " failed: " + AwsErrors.text(e)
                    + " (grant budgets:ViewBudget)", e);
        }
    }

    static boolean subscribed(BudgetsClient budgets, String account, String name, Notification n, String email) {
        try {
            return budgets.describeSubscribersForNotificationPaginator(DescribeSubscribersForNotificationRequest.builder()
                    .accountId(account).budgetName(name).notification(n).build()).subscribers().stream()
                    .anyMatch(x -> x.subscriptionType() == SubscriptionType.EMAIL && email.equalsIgnoreCase(x.address()));
        } catch (NotFoundException e) {
            return false;
        } catch (AwsServiceException e) {
            throw new AwsOperationException("DescribeSubscribersForNotification " + name + " failed: " + AwsErrors.text(e)
                    + " (grant budgets:ViewBudget)", e);
        }
    }

    private boolean subscribe(StepServices s, BudgetsClient budgets, String account, String name, Notification n, String email) {
        try {
            budgets.createSubscriber(CreateSubscriberRequest.builder().accountId(account).budgetName(name).notification(n)
                    .subscriber(Subscriber.builder().subscriptionType(SubscriptionType.EMAIL).address(email).build()).build());
            return true;
        } catch (AwsServiceException e) {
            s.events().warn(id(), "subscriber " + email + " for the alert at " + n.threshold() + "% of budget " + name
                    + " not added: " + AwsErrors.text(e));
            return false;
        }
    }

    static boolean exists(BudgetsClient budgets, String account, String name) {
        try {
            budgets.describeBudget(DescribeBudgetRequest.builder().accountId(account).budgetName(name).build());
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (AwsServiceException e) {
            throw new AwsOperationException("DescribeBudget " + name + " failed: " + AwsErrors.text(e)
                    + " (grant budgets:ViewBudget)", e);
        }
    }

    /** Writes the budget-tags file as {@code existing} (read by the inspect) with {@code rows} merged, when that changes it. */
    private void updateTags(RunContext ctx, StepServices s, List<TagRow> rows, String existing) {
        if (rows.isEmpty()) {
            return;
        }
        String bucket = ctx.require(ContextKeys.REFERENCE_BUCKET).name();
        String merged = merge(existing, rows);
        if (existing.equals(merged)) {
            return;
        }
        try {
            s.aws().get(S3Client.class, ctx).putObject(PutObjectRequest.builder().bucket(bucket).key(BudgetTags.KEY)
                    .contentType("text/tab-separated-values").build(), RequestBody.fromString(merged, StandardCharsets.UTF_8));
        } catch (AwsServiceException e) {
            throw new AwsOperationException("writing s3://" + bucket + "/" + BudgetTags.KEY + " failed: "
                    + AwsErrors.text(e), e);
        }
    }

    /** The budget-tags file now ({@code ""} when there is none) and with {@code rows} merged: {existing, merged}. */
    static String[] tags(S3Client s3, String bucket, List<TagRow> rows) {
        String existing;
        try {
            existing = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(BudgetTags.KEY).build())
                    .asString(StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            existing = "";
        } catch (AwsServiceException e) {
            throw new AwsOperationException("reading s3://" + bucket + "/" + BudgetTags.KEY + " failed: "
                    + AwsErrors.text(e), e);
        }
        return new String[] {existing, merge(existing, rows)};
    }

    /** {@code existing} with the rows of created budgets, and of existing budgets that have none, merged in. */
    static String merge(String existing, List<TagRow> rows) {
        String merged = existing;
        for (TagRow row : rows) {
            if (row.created() || !BudgetTags.hasBudget(merged, row.budget())) {
                merged = BudgetTags.merge(merged, row.row());
            }
        }
        return merged;
    }
}
