use std::io::BufRead;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let engine = claimbot::Engine::load(std::path::Path::new(&std::env::var("KB").unwrap_or("knowledge".into())), Default::default()).unwrap();
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        if args.get(1).map(String::as_str) == Some("ask") {
            println!("{}", serde_json::to_string(&engine.ask(&line)).unwrap());
        } else {
            println!("{}", serde_json::to_string(&engine.verify(&line)).unwrap());
        }
    }
}
