// Fictional names for the demo clinic: common given and family names, combined at random, so no
// generated patient is a real person's record.
export const givenNames = [
  'Aisha', 'Alan', 'Amelia', 'Arjun', 'Beatriz', 'Ben', 'Carlos', 'Chloe', 'Daniel', 'Deborah', 'Elena',
  'Emeka', 'Fatima', 'Finn', 'Grace', 'Hamza', 'Hannah', 'Ivan', 'Isla', 'James', 'Jia', 'Joseph',
  'Kavya', 'Kofi', 'Laura', 'Leo', 'Maria', 'Mohammed', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya',
  'Ravi', 'Rosa', 'Samuel', 'Sofia', 'Tariq', 'Thomas', 'Una', 'Victor', 'Wei', 'Yasmin', 'Zoe',
] as const;

export const familyNames = [
  'Abbott', 'Adeyemi', 'Ahmed', 'Baker', 'Bianchi', 'Brennan', 'Campbell', 'Chen', 'Costa', 'Davies',
  'Dubois', 'Evans', 'Fernandes', 'Fitzgerald', 'Garcia', 'Gallagher', 'Hughes', 'Ibrahim', 'Jensen',
  'Kaur', 'Kowalski', 'Lambert', 'Li', 'Mackenzie', 'Martin', 'Mensah', 'Murphy', 'Nakamura', 'Novak',
  "O'Brien", 'Okafor', 'Patel', 'Quinn', 'Reyes', 'Rossi', 'Santos', 'Schmidt', 'Shah', 'Singh',
  'Sullivan', 'Tanaka', 'Thompson', 'Usman', 'Vargas', 'Walsh', 'Williams', 'Wright', 'Yilmaz', 'Zhang',
] as const;
