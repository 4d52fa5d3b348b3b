# The Courier instances behind Varnish, and the addresses allowed to purge: edit for your hosts.
# Included by courier.vcl (found through -p vcl_path).
import directors;

# Not /healthz: that answers 503 when degraded (a stale build, Redis down), while the instance still serves its
# feeds. The index page answers 200 whenever the process does.
probe courier_up {
    .url = "/";
    .expected_response = 200;
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend courier_a {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = courier_up;
}

backend courier_b {
    .host = "127.0.0.1";
    .port = "3002";
    .probe = courier_up;
}

# Courier instances send PURGE from these addresses (COURIER_PURGE_URLS points at this Varnish).
acl courier_purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new courier = directors.round_robin();
    courier.add_backend(courier_a);
    courier.add_backend(courier_b);
}

sub vcl_recv {
    set req.backend_hint = courier.backend();
}
