package io.daylily.ec.steps.post;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import java.util.Map;
import java.util.Set;

/**
 * {@code post.login} (PARITY §26, DECISIONS #21): the last line of a create — {@code ssh -i <pem>
 * ubuntu@<head node public IP>}, the IP read from {@code pcluster describe-cluster}.
 */
public final class LoginLineStep implements Step {
    @Override
    public String id() {
        return "post.login";
    }

    @Override
    public int order() {
        return Order.POST + 95;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "print the line that logs in to the head node";
    }

    static String line(String pem, String ip) {
        return "ssh -i " + pem + " ubuntu@" + ip;
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String ip = ctx.get(ContextKeys.HEAD_NODE_IP).orElse("");
        String pem = ctx.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::pemPath).orElse("~/.ssh/<key>.pem");
        if (ip.isEmpty()) {
            String instance = ctx.get(ContextKeys.HEAD_NODE_INSTANCE_ID).orElse("<head node instance id>");
            String ssm = "aws ssm start-session --target " + instance + " --region " + ctx.require(ContextKeys.REGION);
            s.events().warn(id(), "the head node has no public IP; connect with: " + ssm);
            return ctx.with(ContextKeys.LOGIN_COMMAND, ssm);
        }
        String login = line(pem, ip);
        s.events().check(CheckResult.pass(id(), Map.of("login_command", login)));
        s.prompter().say("....fin!");
        s.prompter().say(login);
        return ctx.with(ContextKeys.LOGIN_COMMAND, login);
    }
}
