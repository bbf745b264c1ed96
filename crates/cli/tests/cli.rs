use std::process::Command;

fn offerta(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_offerta"))
        .args(args)
        .output()
        .expect("the offerta binary runs")
}

#[test]
fn demo_prints_the_aggregated_crema_plan_as_json() {
    let out = offerta(&["demo"]);
    assert!(out.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(plan["totale"]["consistenza_totale"], 1699);
    assert_eq!(plan["totale"]["totale_assegnabili"], 114);
    assert_eq!(plan["per_ente"].as_array().map(Vec::len), Some(24));
}

#[test]
fn unknown_command_shows_usage_and_fails() {
    let out = offerta(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Uso:"));
}
