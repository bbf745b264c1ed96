// Keeps only the Bootstrap Italia rules whose classes, ids or elements appear in the app's
// Rust components or index.html (run from tools/npm by `cargo xtask`, see xtask/src/styles.rs).
module.exports = {
  content: ["../../src/**/*.rs", "../../index.html"],
  css: ["node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css"],
  // @font-face and @keyframes nobody uses go too (Bootstrap Italia ships a video player font).
  fontFace: true,
  keyframes: true,
  safelist: {
    standard: ["html", "body", ":root"],
  },
};
