//! Prints the blocks of a capture: a summary of the machine-state blocks and the first events
//! with their parameters decoded.
//!
//! `cargo run -p falcod-probe --example scap_dump -- FILE [MAX_EVENTS]`

use falcod_probe::scap::{Block, Reader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: scap_dump FILE [MAX_EVENTS]")?;
    let max: usize = args.next().map_or(Ok(40), |n| n.parse())?;
    let mut reader = Reader::open(&path)?;
    let mut shown = 0;
    while let Some(block) = reader.next_block()? {
        match block {
            Block::Section(s) => println!("section: format {}.{}", s.major, s.minor),
            Block::MachineInfo(m) => println!("machine: {} ({} cpus)", m.hostname, m.num_cpus),
            Block::Processes(p) => println!("process list: {} threads", p.len()),
            Block::Fds { tid, fds } => println!("fds of {tid}: {}", fds.len()),
            Block::Users(u) => println!("users: {}, groups: {}", u.users.len(), u.groups.len()),
            Block::Interfaces(i) => println!("interfaces: {}", i.len()),
            Block::Event(evt) => {
                if shown >= max {
                    continue;
                }
                shown += 1;
                let hidden = evt
                    .hidden()
                    .map_or(String::new(), |h| format!(" [hidden: {h:?}]"));
                print!(
                    "{} tid={} {}({}){hidden}",
                    evt.ts,
                    evt.tid,
                    evt.name(),
                    evt.event_type
                );
                for i in 0..evt.nparams as usize {
                    let name = evt.param_name(i).unwrap_or("?");
                    match evt.decode(i) {
                        Ok(value) => print!(" {name}={value:?}"),
                        Err(e) => print!(" {name}=<{e}>"),
                    }
                }
                println!();
            }
        }
    }
    println!("{:?}", reader.stats());
    Ok(())
}
