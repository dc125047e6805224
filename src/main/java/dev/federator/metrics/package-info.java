/** Prometheus metrics about the resources Federator manages (vendor-call metrics live with the vendor clients). */
package dev.federator.metrics;
