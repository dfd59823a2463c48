package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetsException;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.CreateNotificationRequest;
import software.amazon.awssdk.services.budgets.model.CreateSubscriberRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetResponse;
import software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetResponse;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationRequest;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationResponse;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Issue #17's convergence matrix for the budgets: a fault at each AWS write of an uninterrupted run —
 * the process killed there, or the write denied — then a rerun without faults must end with the same
 * budgets, alerts, subscribers and tags file as the uninterrupted run, and a third run must write nothing.
 */
class BudgetsConvergenceTest {
    /** The writes of an uninterrupted run on an empty account: 2 budgets, 5 alerts, 1 tags file. */
    static final int WRITES = 8;

    @TempDir
    Path dir;

    /** A kill at a write: nothing of it or after it happens (an Error, which no step catches). */
    static final class Killed extends Error {
        Killed() {
            super("killed at this write", null, false, false);
        }
    }

    /** The account: budget → threshold → subscribers, and the tags file; a write counter with the fault. */
    static final class Account {
        final Map<String, Map<Double, Set<String>>> budgets = new LinkedHashMap<>();
        final StringBuilder tags = new StringBuilder();
        final AtomicInteger writes = new AtomicInteger();
        int faultAt = -1;
        boolean kill;

        void write() {
            if (writes.getAndIncrement() == faultAt) {
                if (kill) {
                    throw new Killed();
                }
                throw BudgetsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException").errorMessage("denied at write " + faultAt).build()).build();
            }
        }

        String snapshot() {
            return budgets + " | " + tags;
        }
    }

    static BudgetsClient budgets(Account a) {
        BudgetsClient b = SdkMocks.mock(BudgetsClient.class);
        when(b.describeBudget(any(DescribeBudgetRequest.class))).thenAnswer(inv -> {
            String name = ((DescribeBudgetRequest) inv.getArgument(0)).budgetName();
            if (!a.budgets.containsKey(name)) {
                throw NotFoundException.builder().message("not found").build();
            }
            return DescribeBudgetResponse.builder().budget(Budget.builder().budgetName(name).build()).build();
        });
        when(b.createBudget(any(CreateBudgetRequest.class))).thenAnswer(inv -> {
            a.write();
            a.budgets.put(((CreateBudgetRequest) inv.getArgument(0)).budget().budgetName(), new TreeMap<>());
            return null;
        });
        when(b.createNotification(any(CreateNotificationRequest.class))).thenAnswer(inv -> {
            a.write();
            CreateNotificationRequest r = inv.getArgument(0);
            Set<String> subs = new LinkedHashSet<>();
            r.subscribers().forEach(x -> subs.add(x.address()));
            a.budgets.get(r.budgetName()).put(r.notification().threshold(), subs);
            return null;
        });
        when(b.createSubscriber(any(CreateSubscriberRequest.class))).thenAnswer(inv -> {
            a.write();
            CreateSubscriberRequest r = inv.getArgument(0);
            a.budgets.get(r.budgetName()).get(r.notification().threshold()).add(r.subscriber().address());
            return null;
        });
        when(b.describeNotificationsForBudget(any(DescribeNotificationsForBudgetRequest.class))).thenAnswer(inv ->
                DescribeNotificationsForBudgetResponse.builder().notifications(a.budgets.get(((DescribeNotificationsForBudgetRequest)
                        inv.getArgument(0)).budgetName()).keySet().stream().map(BudgetsStep::notification).toList()).build());
        when(b.describeSubscribersForNotification(any(DescribeSubscribersForNotificationRequest.class))).thenAnswer(inv -> {
            DescribeSubscribersForNotificationRequest r = inv.getArgument(0);
            return DescribeSubscribersForNotificationResponse.builder().subscribers(a.budgets.get(r.budgetName())
                    .get(r.notification().threshold()).stream().map(x -> Subscriber.builder().subscriptionType(SubscriptionType.EMAIL)
                            .address(x).build()).toList()).build();
        });
        return b;
    }

    static S3Client s3(Account a) {
        S3Client s3 = mock(S3Client.class);
        when(s3.getObjectAsBytes(any(GetObjectRequest.class))).thenAnswer(inv -> {
            if (a.tags.length() == 0) {
                throw NoSuchKeyException.builder().message("no key").build();
            }
            return ResponseBytes.fromByteArray(GetObjectResponse.builder().build(), a.tags.toString().getBytes(StandardCharsets.UTF_8));
        });
        when(s3.putObject(any(PutObjectRequest.class), any(RequestBody.class))).thenAnswer(inv -> {
            a.write();
            RequestBody body = inv.getArgument(1);
            a.tags.setLength(0);
            a.tags.append(new String(body.contentStreamProvider().newStream().readAllBytes(), StandardCharsets.UTF_8));
            return null;
        });
        return s3;
    }

    private void run(Account a) {
        new BudgetsStep().run(Ctx.base(), TestServices.builder(dir).aws(BudgetsClient.class, budgets(a)).aws(S3Client.class, s3(a)).build());
    }

    /** The writes the budgets step's plan (its inspect and describe) says a create would send on this account now: budgets, alerts, subscribers, tags file. */
    private int plannedWrites(Account a) {
        int before = a.writes.get();
        BudgetsStep step = new BudgetsStep();
        java.util.List<io.daylily.ec.api.plan.PlannedChange> out = step.describe(step.inspect(Ctx.base(),
                TestServices.builder(dir).aws(BudgetsClient.class, budgets(a)).aws(S3Client.class, s3(a)).build()));
        assertEquals(before, a.writes.get(), "planning writes nothing");
        int n = 0;
        for (io.daylily.ec.api.plan.PlannedChange c : out) {
            switch (c.action()) {
                case CREATE -> n += c.resource().equals("budget") ? 1 + ((java.util.List<?>) c.details().get("alerts_percent")).size() : 1;
                case UPDATE -> n += c.resource().equals("budget") ? ((java.util.List<?>) c.details().get("alerts_added_percent")).size()
                        + ((java.util.List<?>) c.details().get("subscribers_added_percent")).size() : 1;
                default -> { }
            }
        }
        return n;
    }

    private String uninterrupted() {
        Account a = new Account();
        run(a);
        assertEquals(WRITES, a.writes.get(), "the writes of an uninterrupted run");
        return a.snapshot();
    }

    @ParameterizedTest(name = "killed at write {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void aRunKilledAtAnyWriteIsFinishedByTheRerun(int at) {
        String expected = uninterrupted();
        Account a = new Account();
        assertEquals(WRITES, plannedWrites(a), "on an empty account the plan names every write of a create");
        a.faultAt = at;
        a.kill = true;
        assertThrows(Killed.class, () -> run(a));
        assertEquals(at, a.writes.get() - 1, "the kill came at write " + at);
        rerunConverges(a, expected);
    }

    /** Without the fault, a rerun reaches {@code expected}; a third run then writes nothing. */
    private void rerunConverges(Account a, String expected) {
        a.faultAt = -1;
        int planned = plannedWrites(a);
        int start = a.writes.get();
        run(a);
        assertEquals(planned, a.writes.get() - start, "the plan (issue #20) named the rerun's writes");
        assertEquals(expected, a.snapshot(), "the rerun ends where an uninterrupted run does");
        int before = a.writes.get();
        run(a);
        assertEquals(before, a.writes.get(), "a third run writes nothing");
    }

    @ParameterizedTest(name = "denied at write {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void aRunDeniedAtAnyWriteIsFinishedByTheRerun(int at) {
        String expected = uninterrupted();
        Account a = new Account();
        a.faultAt = at;
        try {
            run(a); // a denied alert is a warning; a denied budget or tags write ends the step (exit 2)
        } catch (io.daylily.ec.api.AwsOperationException e) {
            assertTrue(e.getMessage().contains("denied at write " + at), e.getMessage());
        }
        rerunConverges(a, expected);
    }
}
