// Fictional names for the demo clinic: common given and family names from several languages,
// combined at random, so no generated patient stands for a real person's record.

// prettier-ignore
export const femaleGivenNames = [
  'Aisha', 'Amelia', 'Ana', 'Beatriz', 'Chloe', 'Claire', 'Deborah', 'Elena', 'Emma', 'Fatima',
  'Grace', 'Hannah', 'Ingrid', 'Isla', 'Jia', 'Joanne', 'Kavya', 'Laura', 'Leila', 'Lucy',
  'Maria', 'Maya', 'Nadia', 'Niamh', 'Olivia', 'Priya', 'Rosa', 'Ruth', 'Sarah', 'Sofia',
  'Tamsin', 'Una', 'Valentina', 'Wendy', 'Yasmin', 'Zoe',
] as const;

// prettier-ignore
export const maleGivenNames = [
  'Adam', 'Alan', 'Arjun', 'Ben', 'Carlos', 'Connor', 'Daniel', 'David', 'Emeka', 'Ethan',
  'Finn', 'George', 'Hamza', 'Harry', 'Ivan', 'James', 'Joseph', 'Kofi', 'Leo', 'Liam',
  'Marcus', 'Mohammed', 'Nathan', 'Noah', 'Omar', 'Oscar', 'Patrick', 'Ravi', 'Samuel', 'Stefan',
  'Tariq', 'Thomas', 'Victor', 'Wei', 'William', 'Yusuf',
] as const;

/** Names that fit anyone, for patients recorded with sex `other` or `unknown`. */
export const neutralGivenNames = [
  'Alex',
  'Charlie',
  'Jordan',
  'Kim',
  'Morgan',
  'Robin',
  'Sam',
  'Taylor',
] as const;

// prettier-ignore
export const familyNames = [
  'Abbott', 'Adeyemi', 'Ahmed', 'Baker', 'Bianchi', 'Brennan', 'Campbell', 'Chen', 'Costa', 'Davies',
  'Dubois', 'Evans', 'Fernandes', 'Fitzgerald', 'Garcia', 'Gallagher', 'Hughes', 'Ibrahim', 'Jensen',
  'Kaur', 'Kowalski', 'Lambert', 'Li', 'Mackenzie', 'Martin', 'Mensah', 'Murphy', 'Nakamura', 'Novak',
  "O'Brien", 'Okafor', 'Patel', 'Quinn', 'Reyes', 'Rossi', 'Santos', 'Schmidt', 'Shah', 'Singh',
  'Sullivan', 'Tanaka', 'Thompson', 'Usman', 'Vargas', 'Walsh', 'Williams', 'Wright', 'Yilmaz', 'Zhang',
] as const;
