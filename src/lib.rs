pub mod shield;
pub mod text;
