/** The Kubernetes API of Federator: group federator.dev, version v1alpha1. Only data, no behaviour. */
package dev.federator.api.v1alpha1;
