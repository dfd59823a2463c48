package io.daylily.ec.api.facts;

import java.util.Objects;

/**
 * The subnets a cluster goes into, settled by preflight's network gate (tagged subnets) or by the
 * infra network step (the baseline stack's outputs): the head node's public subnet and the compute
 * nodes' private subnet, both in {@code vpcId} ({@code ""} when the source does not name the VPC).
 */
public record Network(String vpcId, String publicSubnetId, String privateSubnetId) {
    public Network {
        Objects.requireNonNull(vpcId, "vpcId");
        requireId(publicSubnetId, "publicSubnetId");
        requireId(privateSubnetId, "privateSubnetId");
    }

    private static void requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }
}
