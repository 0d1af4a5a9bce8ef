//! Links the Node addon (napi-build), and compiles in the model's name and checksum from
//! `scripts/model.env`, the file `scripts/fetch-model.sh` reads too.

fn main() {
    napi_build::setup();
    println!("cargo:rerun-if-changed=scripts/model.env");
    let model = std::fs::read_to_string("scripts/model.env").expect("reading scripts/model.env");
    for line in model.lines().filter(|l| !l.starts_with('#')) {
        if let Some((name, value)) = line.split_once('=') {
            println!("cargo:rustc-env=RESUME_AI_{}={}", name.trim(), value.trim());
        }
    }
}
