/**
 * A short PCM WAV file (8 kHz, 16-bit, mono) holding a quiet 440 Hz tone, for recording and voicemail content.
 * The 44-byte RIFF header is written by hand (the layout is fixed: RIFF, fmt , data chunks).
 * @param seconds length, clamped to 1–10 s to keep responses small.
 */
export function generateWav(seconds: number): Buffer {
  const sampleRate = 8000;
  const duration = Math.min(10, Math.max(1, Math.round(seconds)));
  const samples = sampleRate * duration;
  const dataBytes = samples * 2;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16); // fmt chunk size
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buffer.writeUInt16LE(2, 32); // block align
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i++) {
    const value = Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 6000);
    buffer.writeInt16LE(value, 44 + i * 2);
  }
  return buffer;
}
