/**
 * "Photo of my drawing": the picture is downsized on the device before upload (a phone photo can be 12 MP and
 * several MB), re-encoded as JPEG, which also turns a HEIC the browser can show into something we accept.
 * The canvas re-encode drops the photo's metadata (its location, too) before anything leaves the device.
 */
const MAX_SIDE = 2048;

export async function downsizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('could not encode the photo'))), 'image/jpeg', 0.85));
}
